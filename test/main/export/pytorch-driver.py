"""Runs exported PyTorch scripts' parts for the tests, all in one process so that torch is imported once.

usage: python3 pytorch-driver.py jobs.json
Each job names a script and a data file, and asks for some of: the cleaned rows read in small chunks ("chunkRows"),
the same read whole ("whole"), the split plan ("split"), the network's outputs with the model file's weights for
the cleaned rows ("predict") and Layerlab's report of those outputs for the rows with a target ("report",
as JSON), the --help text ("help"). Results go to files next to job["out"], as raw arrays the
test reads back: rows (int32), X (float32), y (float32, NaN where the row has no usable target), plan (uint8),
outputs (float32).
"""
import contextlib
import importlib.util
import io
import json
import sys

import numpy as np


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cleaned(module, data, chunk_rows):
    rows, xs, ys = [], [], []
    for r, X, y in module.cleaned_chunks(data, chunk_rows):
        rows.append(r)
        xs.append(X)
        ys.append(np.full(len(r), np.nan, np.float32) if y is None else y)
    width = len(module.FEATURES)
    return (np.concatenate(rows).astype(np.int32) if rows else np.zeros(0, np.int32),
            np.concatenate(xs) if xs else np.zeros((0, width), np.float32),
            np.concatenate(ys).astype(np.float32) if ys else np.zeros(0, np.float32))


def save(prefix, arrays):
    for suffix, array in arrays.items():
        np.ascontiguousarray(array).tofile(f"{prefix}.{suffix}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    for number, job in enumerate(jobs):
        module = load(job["script"], f"exported_{number}")
        out = job["out"]
        rows, X, y = cleaned(module, job["data"], job["chunkRows"])
        save(out, {"rows": rows, "x": X, "y": y})
        if job.get("whole"):
            whole_rows, whole_X, whole_y = cleaned(module, job["data"], 1 << 30)
            save(f"{out}.whole", {"rows": whole_rows, "x": whole_X, "y": whole_y})
        if job.get("split"):
            save(out, {"plan": module.plan_split(job["data"], job["chunkRows"])})
        if job.get("predict"):
            network = module.build_network()
            module.set_layerlab_weights(network, module.model_file_weights())
            outputs = module.predict(network, X).astype(np.float32)
            save(out, {"outputs": outputs})
            if job.get("report"):
                known = ~np.isnan(y)
                with open(f"{out}.report.json", "w", encoding="utf-8") as f:
                    json.dump(module.report_of((outputs[known], y[known])), f)
        if job.get("help"):
            text = io.StringIO()
            with contextlib.redirect_stdout(text), contextlib.suppress(SystemExit):
                module.parse_args(["--help"])
            with open(f"{out}.help", "w", encoding="utf-8") as f:
                f.write(text.getvalue())
        print(f"{job['data']}: {len(rows)} rows", flush=True)


if __name__ == "__main__":
    main()
