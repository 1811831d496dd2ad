/**
 * Python for the PyTorch script's network: Layerlab's layers as torch modules (Dense as nn.Linear, Keras'
 * BatchNormalization, Dropout), Keras' initializers, the model file's weights in and out by name, and the loss,
 * penalties, optimizer, clipping and weight decay with Layerlab's (Keras') semantics.
 */
export const PY_NETWORK = String.raw`
# ---------------------------------------------------------------------------------------------------------
# Step 2: build the network: the same layers, activations, initializers and weights as in Layerlab.
# ---------------------------------------------------------------------------------------------------------
ACTIVATIONS = {
    "linear": lambda z: z,
    "relu": torch.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.2),  # Keras' slope
    "elu": F.elu,
    "selu": torch.selu,
    "gelu": F.gelu,  # the exact erf form, as Keras
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "softmax": lambda z: torch.softmax(z, dim=1),
    "softplus": F.softplus,
    "swish": F.silu,
}

# Keras' VarianceScaling arguments behind each initializer name: scale, fan mode, distribution.
INITIALIZERS = {
    "glorot_uniform": (1.0, "fan_avg", "uniform"),
    "glorot_normal": (1.0, "fan_avg", "truncated_normal"),
    "he_uniform": (2.0, "fan_in", "uniform"),
    "he_normal": (2.0, "fan_in", "truncated_normal"),
    "lecun_normal": (1.0, "fan_in", "truncated_normal"),
}


def initialize(tensor, name, fan_in, fan_out):
    """Draws tensor's values as Keras' initializer name does (a truncated normal's std is corrected as Keras does)."""
    if name in ("zeros", "ones"):
        return nn.init.constant_(tensor, 0.0 if name == "zeros" else 1.0)
    scale, mode, distribution = INITIALIZERS[name]
    n = fan_in if mode == "fan_in" else (fan_in + fan_out) / 2
    if distribution == "uniform":
        limit = math.sqrt(3 * scale / n)
        return nn.init.uniform_(tensor, -limit, limit)
    std = math.sqrt(scale / n) / 0.87962566103423978
    return nn.init.trunc_normal_(tensor, 0.0, std, -2 * std, 2 * std)


class Dense(nn.Linear):
    """Keras' Dense layer: inputs @ kernel + bias, then the activation. nn.Linear keeps the kernel transposed
    (weight = kernelᵀ); l1 and l2 penalize the kernel in the training loss, as Keras' L1L2 regularizer."""

    def __init__(self, name, inputs, units, activation="linear", use_bias=True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", l1=0.0, l2=0.0):
        super().__init__(inputs, units, bias=use_bias)
        self.layerlab_name, self.activation, self.l1, self.l2 = name, activation, l1, l2
        with torch.no_grad():
            initialize(self.weight, kernel_initializer, inputs, units)
            if use_bias:
                initialize(self.bias, bias_initializer, units, units)  # Keras' fans for a 1-D shape

    def forward(self, x, activate=True):
        z = super().forward(x)
        return ACTIVATIONS[self.activation](z) if activate else z


class BatchNorm(nn.BatchNorm1d):
    """Keras' BatchNormalization: a batch's mean and biased variance normalize it and update the moving statistics
    (moving = moving·momentum + batch·(1 − momentum)); nn.BatchNorm1d would update with the unbiased variance."""

    def __init__(self, name, features, momentum=0.99, epsilon=1e-3):
        super().__init__(features, eps=epsilon, momentum=1 - momentum)
        self.layerlab_name = name

    def forward(self, x):
        if not self.training:
            return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias, False, 0.0, self.eps)
        mean, variance = x.mean(dim=0), x.var(dim=0, unbiased=False)
        with torch.no_grad():
            self.running_mean.mul_(1 - self.momentum).add_(mean, alpha=self.momentum)
            self.running_var.mul_(1 - self.momentum).add_(variance, alpha=self.momentum)
        return (x - mean) / torch.sqrt(variance + self.eps) * self.weight + self.bias


class Network(nn.Module):
    """The layers in order. forward() leaves out the output layer's activation: the losses read those logits
    (exact and numerically stable, as Layerlab's fused losses); outputs() applies it."""

    def __init__(self, layers):
        super().__init__()
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = layer(x)
        last = self.layers[-1]
        return last(x, activate=False) if isinstance(last, Dense) else last(x)

    def outputs(self, logits):
        last = self.layers[-1]
        return ACTIVATIONS[last.activation](logits) if isinstance(last, Dense) else logits


def predict(network, X):
    """The network's outputs for the rows of X (float32): probabilities, or standardized values for regression."""
    network.eval()
    device = next(network.parameters()).device
    with torch.no_grad():
        return network.outputs(network(torch.from_numpy(np.ascontiguousarray(X)).to(device))).cpu().numpy()


def layerlab_weights(network):
    """The network's weights by their names in the Layerlab model file (Dense kernels as [inputs, units])."""
    weights = {}
    for layer in network.layers:
        if isinstance(layer, Dense):
            weights[f"{layer.layerlab_name}/kernel"] = layer.weight.t()
            if layer.bias is not None:
                weights[f"{layer.layerlab_name}/bias"] = layer.bias
        elif isinstance(layer, BatchNorm):
            for name, tensor in (("gamma", layer.weight), ("beta", layer.bias), ("moving_mean", layer.running_mean), ("moving_variance", layer.running_var)):
                weights[f"{layer.layerlab_name}/{name}"] = tensor
    return {name: tensor.detach().cpu().numpy().astype(np.float32) for name, tensor in weights.items()}


def set_layerlab_weights(network, weights):
    """Copies weights (name → array, as layerlab_weights gives them) into the network."""
    with torch.no_grad():
        for layer in network.layers:
            if isinstance(layer, Dense):
                layer.weight.copy_(torch.from_numpy(weights[f"{layer.layerlab_name}/kernel"]).t())
                if layer.bias is not None:
                    layer.bias.copy_(torch.from_numpy(weights[f"{layer.layerlab_name}/bias"]))
            elif isinstance(layer, BatchNorm):
                for name, tensor in (("gamma", layer.weight), ("beta", layer.bias), ("moving_mean", layer.running_mean), ("moving_variance", layer.running_var)):
                    tensor.copy_(torch.from_numpy(weights[f"{layer.layerlab_name}/{name}"]))


def model_file_weights():
    """The weights of the model file this script was exported from (WEIGHT_DATA: little-endian float32, base64)."""
    values = np.frombuffer(base64.b64decode(WEIGHT_DATA), dtype="<f4")
    weights, offset = {}, 0
    for spec in MODEL["network"]["weightSpecs"]:
        size = int(np.prod(spec["shape"]))
        weights[spec["name"]] = values[offset:offset + size].reshape(spec["shape"]).astype(np.float32)
        offset += size
    return weights


def data_loss(network, logits, y, weights=None):
    """Layerlab's loss of a batch (its Keras semantics): the mean over rows of each row's loss, times its class
    weight when given. Cross-entropies read the logits when the output activation is the one they absorb."""
    last = network.layers[-1].activation if isinstance(network.layers[-1], Dense) else "linear"
    if LOSS == "binary_crossentropy":
        if last == "sigmoid":
            per_row = F.binary_cross_entropy_with_logits(logits[:, 0], y, reduction="none")
        else:
            p = network.outputs(logits)[:, 0].clamp(1e-7, 1 - 1e-7)
            per_row = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))
    elif LOSS.endswith("categorical_crossentropy"):
        if last == "softmax":
            per_row = F.cross_entropy(logits, y.long(), reduction="none")
        else:
            p = network.outputs(logits)
            p = (p / p.sum(dim=1, keepdim=True)).clamp(1e-7, 1 - 1e-7)
            per_row = -torch.log(p.gather(1, y.long()[:, None])[:, 0])
    else:
        error = network.outputs(logits)[:, 0] - y
        per_row = {"mse": error ** 2, "mae": error.abs(), "huber": F.huber_loss(error, torch.zeros_like(error), reduction="none", delta=1.0)}[LOSS]
    return (per_row if weights is None else per_row * weights).mean()


def penalty(network):
    """The L1/L2 penalties of the Dense kernels, added to the training loss (not to the validation loss)."""
    total = 0.0
    for layer in network.layers:
        if isinstance(layer, Dense) and (layer.l1 or layer.l2):
            total = total + layer.l1 * layer.weight.abs().sum() + layer.l2 * (layer.weight ** 2).sum()
    return total


def make_optimizer(parameters, learning_rate):
    """OPTIMIZER as torch.optim. Keras places epsilon a little differently (Adam adds it to √v rather than √v̂;
    RMSprop and Adagrad add it inside the square root): that only shows while squared gradients are as small as
    epsilon. Weight decay and gradient clipping are applied by clip_and_decay(), as Keras does."""
    kind, o = OPTIMIZER["kind"], OPTIMIZER
    if kind in ("adam", "adamw"):
        return torch.optim.Adam(parameters, lr=learning_rate, betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)),
                                eps=o.get("epsilon", 1e-7), amsgrad=o.get("amsgrad", False))
    if kind == "sgd":
        momentum = o.get("momentum", 0.0)
        return torch.optim.SGD(parameters, lr=learning_rate, momentum=momentum, nesterov=o.get("nesterov", False) and momentum > 0)
    if kind == "rmsprop":
        return torch.optim.RMSprop(parameters, lr=learning_rate, alpha=o.get("rho", 0.9), eps=o.get("epsilon", 1e-7),
                                   momentum=o.get("momentum", 0.0), centered=o.get("centered", False))
    return torch.optim.Adagrad(parameters, lr=learning_rate, initial_accumulator_value=o.get("initialAccumulatorValue", 0.1),
                               eps=o.get("epsilon", 1e-7))


def clip_and_decay(network, learning_rate):
    """Before each update, as Keras' optimizers: clip the gradients (one of clipnorm per weight, globalClipnorm
    over all, clipvalue per value), then decoupled weight decay w ← w − w·decay·lr on every trainable weight."""
    parameters = [p for p in network.parameters() if p.grad is not None]
    if "clipnorm" in OPTIMIZER:
        for p in parameters:
            torch.nn.utils.clip_grad_norm_([p], OPTIMIZER["clipnorm"])
    elif "globalClipnorm" in OPTIMIZER:
        torch.nn.utils.clip_grad_norm_(parameters, OPTIMIZER["globalClipnorm"])
    elif "clipvalue" in OPTIMIZER:
        torch.nn.utils.clip_grad_value_(parameters, OPTIMIZER["clipvalue"])
    decay = OPTIMIZER.get("weightDecay", 0.004 if OPTIMIZER["kind"] == "adamw" else 0.0)
    if decay:
        with torch.no_grad():
            for p in parameters:
                p.mul_(1 - decay * learning_rate)
`;
