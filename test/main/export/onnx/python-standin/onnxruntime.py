"""A stand-in for onnxruntime's Python API (InferenceSession, get_inputs, get_outputs, run), for Layerlab's
tests, which cannot pip-install onnxruntime: it reads the graph's declarations with Debian's python3-onnx and
runs the graph with onnxruntime-web in Node. Like onnxruntime, it refuses an input of the wrong dtype or rank."""
import json
import math
import os
import subprocess

import numpy as np
import onnx

_TYPES = {1: "tensor(float)", 7: "tensor(int64)", 8: "tensor(string)", 9: "tensor(bool)", 11: "tensor(double)"}
_DTYPES = {"tensor(float)": np.float32, "tensor(double)": np.float64, "tensor(string)": np.object_}
_RUNNER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "run-graph.mjs")


class _Arg:
    def __init__(self, value_info):
        self.name = value_info.name
        self.type = _TYPES[value_info.type.tensor_type.elem_type]


class InferenceSession:
    def __init__(self, path):
        self._path = os.path.abspath(path)
        graph = onnx.load(path).graph
        self._inputs = [_Arg(v) for v in graph.input]
        self._outputs = [_Arg(v) for v in graph.output]

    def get_inputs(self):
        return self._inputs

    def get_outputs(self):
        return self._outputs

    def run(self, names, feeds):
        request = {"model": self._path, "feeds": {}}
        for arg in self._inputs:
            array = feeds[arg.name]
            if array.dtype.type is not _DTYPES[arg.type] or array.ndim != 2:
                raise TypeError(f"Unexpected input data type or rank for {arg.name}: {array.dtype}, {array.ndim}-D; the graph wants {arg.type}, 2-D")
            data = [str(v) if arg.type == "tensor(string)" else (None if math.isnan(v) else float(v)) for v in array.ravel()]
            request["feeds"][arg.name] = {"type": arg.type, "dims": list(array.shape), "data": data}
        reply = subprocess.run(["node", _RUNNER], input=json.dumps(request), capture_output=True, text=True, check=True)
        outputs = json.loads(reply.stdout)
        wanted = names or [o.name for o in self._outputs]
        return [np.array([np.nan if v is None else v for v in outputs[name]["data"]]).reshape(outputs[name]["dims"]) for name in wanted]
