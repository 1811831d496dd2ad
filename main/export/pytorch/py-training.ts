/**
 * Python for the PyTorch script's training: DistributedDataParallel over each process's shard, Layerlab's fit
 * loop (its early stopping and learning-rate reduction, decided on rank 0 and sent to every process, its epoch
 * logs and divergence rule), and checkpoints every N steps that a later run resumes from.
 */
export const PY_TRAINING = String.raw`
# ---------------------------------------------------------------------------------------------------------
# Step 3: train it with DistributedDataParallel, with Layerlab's loss, optimizer and settings.
# ---------------------------------------------------------------------------------------------------------
DEFAULT_LEARNING_RATE = {"adam": 0.001, "adamw": 0.001, "sgd": 0.01, "rmsprop": 0.001, "adagrad": 0.001}


class EarlyStopping:
    """Keras' EarlyStopping as Layerlab runs it on a loss: the first epoch counts as the best; training stops once
    patience epochs in a row fail to beat the best by more than min_delta (never after the first epoch)."""

    def __init__(self, patience, min_delta=0.0, best=math.inf, best_epoch=None, wait=0):
        self.patience, self.min_delta, self.best, self.best_epoch, self.wait = patience, abs(min_delta), best, best_epoch, wait

    def update(self, epoch, value):
        """(stop now, keep this epoch's weights as the best)."""
        first = self.best_epoch is None
        if first:
            self.best_epoch = epoch
        self.wait += 1
        if value + self.min_delta < self.best:
            self.best, self.best_epoch, self.wait = value, epoch, 0
            return False, True
        return self.wait >= self.patience and epoch > 1, first


class ReduceLrOnPlateau:
    """Keras' ReduceLROnPlateau as Layerlab runs it: after patience epochs without beating the best by more than
    1e-4, the rate is multiplied by factor (never below min_rate), from the next epoch on."""

    def __init__(self, patience, factor, min_rate=0.0, best=math.inf, wait=0):
        self.patience, self.factor, self.min_rate, self.best, self.wait = patience, factor, min_rate, best, wait

    def update(self, value, rate):
        if value + 1e-4 < self.best:
            self.best, self.wait = value, 0
            return rate
        self.wait += 1
        if self.wait < self.patience or not rate > self.min_rate:
            return rate
        self.wait = 0
        return max(rate * self.factor, self.min_rate)


def snapshot(network):
    return {name: tensor.detach().cpu().clone() for name, tensor in network.state_dict().items()}


def seed_dropout(args, ctx, *position):
    """Each process draws its own dropout masks, from the seed, its rank and where it is in the run."""
    torch.manual_seed(int(np.random.SeedSequence([args.seed, ctx.rank, *position]).generate_state(1)[0]))


def epoch_batches(store, batch_rows, rows_per_epoch, seed, block_rows):
    """This process's training rows for one epoch, batch_rows at a time: the blocks of its file in a random
    order and the rows of each block shuffled (memory holds a block, not the file), continued from the start
    where another process has more rows, so that every process takes the same number of steps."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(store.block_count(block_rows))

    def shuffled_blocks():
        while True:
            for index in order:
                block = store.block(index, block_rows)
                yield block[rng.permutation(len(block))]

    pending, given = np.zeros((0, store.width), np.float32), 0
    for block in shuffled_blocks():
        pending = np.concatenate([pending, block])
        while given < rows_per_epoch and len(pending) >= min(batch_rows, rows_per_epoch - given):
            take = min(batch_rows, rows_per_epoch - given)
            yield pending[:take]
            pending, given = pending[take:], given + take
        if given >= rows_per_epoch:
            return


def tensors(ctx, block):
    x = torch.from_numpy(np.ascontiguousarray(block[:, :-1])).to(ctx.device)
    return x, torch.from_numpy(np.ascontiguousarray(block[:, -1])).to(ctx.device)


def measure(ctx, network, store, block_rows):
    """The data loss and accuracy (R² for regression) of a split's rows over every process, in inference mode,
    as Layerlab reports them after each epoch (binary accuracy at 0.5)."""
    network.eval()
    sums = [0.0] * 6  # loss × rows, rows, correct, Σy, Σy², Σ(y − output)²
    with torch.no_grad():
        for block in store.blocks(block_rows):
            x, y = tensors(ctx, block)
            logits = network(x)
            outputs = network.outputs(logits)
            sums[0] += data_loss(network, logits, y).item() * len(block)
            sums[1] += len(block)
            if TASK == "regression":
                sums[3] += y.double().sum().item()
                sums[4] += (y.double() ** 2).sum().item()
                sums[5] += ((y - outputs[:, 0]).double() ** 2).sum().item()
            else:
                predicted = (outputs[:, 0] >= 0.5).long() if TASK == "binary" else outputs.argmax(dim=1)
                sums[2] += (predicted == y.long()).sum().item()
    loss_rows, rows, correct, sum_y, sum_y2, squared_errors = all_sum(ctx, sums)
    if TASK != "regression":
        return loss_rows / rows, correct / rows
    spread = sum_y2 - sum_y * sum_y / rows
    r2 = math.nan if rows < 2 else (1.0 if squared_errors == 0 else 0.0) if spread <= 0 else 1 - squared_errors / spread
    return loss_rows / rows, r2


def class_weights_of(ctx, store, block_rows):
    """'balanced': each class weighs training rows / (classes × its training rows), as scikit-learn and Layerlab."""
    counts = np.zeros(len(CLASS_LABELS))
    for block in store.blocks(block_rows):
        counts += np.bincount(block[:, -1].astype(np.int64), minlength=len(CLASS_LABELS))
    counts = np.array(all_sum(ctx, counts.tolist()))
    weights = np.where(counts > 0, counts.sum() / (len(CLASS_LABELS) * np.maximum(counts, 1)), 1.0)
    return torch.tensor(weights, dtype=torch.float32, device=ctx.device)


def checkpoint_stamp(ctx, args):
    return {"export": EXPORT_ID, "data": data_stamp(args.data), "world": ctx.world, "batch": args.batch_size, "seed": args.seed, "init": args.init}


def save_checkpoint(ctx, args, network, optimizer, state):
    """Every process calls it at the same step (the epoch's loss so far is summed over them); rank 0 writes."""
    loss_sum, seen = all_sum(ctx, [state["loss_sum"], state["seen"]])
    if ctx.leader:
        path = os.path.join(args.workdir, "checkpoint.pt")
        saved = {"stamp": checkpoint_stamp(ctx, args), "network": snapshot(network), "optimizer": optimizer.state_dict(),
                 "state": dict(state, loss_sum=loss_sum, seen=seen)}
        torch.save(saved, path + ".part")
        os.replace(path + ".part", path)


def load_checkpoint(ctx, args):
    """The work folder's checkpoint, on every process (None when there is none, or with --restart)."""
    path = os.path.join(args.workdir, "checkpoint.pt")
    checkpoint = torch.load(path, map_location="cpu") if ctx.leader and not args.restart and os.path.exists(path) else None
    checkpoint = from_leader(ctx, checkpoint)
    if checkpoint is None:
        return None
    expected = checkpoint_stamp(ctx, args)
    changed = [key for key in expected if checkpoint["stamp"].get(key) != expected[key]]
    if changed:
        raise SystemExit(f"{path} was saved by a run with another {', '.join(changed)}: run as it did, or start over with --restart.")
    if not ctx.leader:
        checkpoint["state"].update(loss_sum=0.0, seen=0.0)
    return checkpoint


def new_state(network):
    early, reduce = EARLY_STOPPING, REDUCE_LR_ON_PLATEAU
    return {
        "epoch": 1, "batch": 0, "step": 0, "loss_sum": 0.0, "seen": 0.0, "history": {}, "finished": False,
        "learning_rate": OPTIMIZER.get("learningRate", DEFAULT_LEARNING_RATE[OPTIMIZER["kind"]]),
        "early": vars(EarlyStopping(early["patience"], early.get("minDelta", 0.0))) if early else None,
        "reduce": vars(ReduceLrOnPlateau(reduce["patience"], reduce["factor"], reduce.get("minLearningRate", 0.0))) if reduce else None,
        "best": [math.inf, None], "best_weights": None, "last_finite": snapshot(network), "epochs_completed": 0, "stop_reason": "completed",
    }


def fit(ctx, args, network, stores, checkpoint):
    """Trains network on every process's training rows; returns the run's state, or None when --max-steps paused
    it (then a checkpoint holds everything to go on). Each step's gradients are averaged over the processes by
    DistributedDataParallel, so all of them keep identical weights."""
    model = DistributedDataParallel(network, device_ids=[ctx.device] if ctx.device.type == "cuda" else None)
    state = checkpoint["state"] if checkpoint else new_state(network)
    optimizer = make_optimizer(network.parameters(), state["learning_rate"])
    if checkpoint:
        network.load_state_dict(checkpoint["network"])
        optimizer.load_state_dict(checkpoint["optimizer"])
    train, validation = stores[0], stores[1]
    batch_rows = max(1, round(args.batch_size / ctx.world))
    rows_per_epoch = int(all_max(ctx, [train.rows])[0])
    if all_sum(ctx, [0.0 if train.rows else 1.0])[0] > 0:
        raise SystemExit(f"a process has no training rows: {ctx.world} processes are too many for this file.")
    has_validation = all_sum(ctx, [validation.rows])[0] > 0
    monitor = "val_loss" if has_validation else "loss"
    metric = "r2" if TASK == "regression" else "accuracy"
    weights = class_weights_of(ctx, train, args.chunk_rows) if CLASS_WEIGHT == "balanced" and TASK != "regression" else None
    early = EarlyStopping(**state["early"]) if state["early"] else None
    reduce = ReduceLrOnPlateau(**state["reduce"]) if state["reduce"] else None
    ctx.say(f"training on {ctx.world} process(es) ({dist.get_backend()}), {batch_rows} rows per process per step "
            f"({batch_rows * ctx.world} per step; the model's batch size is {BATCH_SIZE}), up to {args.epochs} epochs")
    steps_this_run = 0
    while not state["finished"] and state["epoch"] <= args.epochs:
        epoch, started = state["epoch"], time.time()
        for group in optimizer.param_groups:
            group["lr"] = state["learning_rate"]
        seed_dropout(args, ctx, epoch, state["batch"])
        network.train()
        batches = epoch_batches(train, batch_rows, rows_per_epoch, [args.seed, epoch, ctx.rank], args.chunk_rows)
        for number, batch in enumerate(batches, start=1):
            if number <= state["batch"]:
                continue  # done before the checkpoint this run resumed from
            x, y = tensors(ctx, batch)
            optimizer.zero_grad(set_to_none=True)
            logits = model(x)
            loss = data_loss(network, logits, y, None if weights is None else weights[y.long()]) + penalty(network)
            loss.backward()
            clip_and_decay(network, state["learning_rate"])
            optimizer.step()
            state["loss_sum"] += loss.item() * len(batch)
            state["seen"] += len(batch)
            state["batch"], state["step"] = number, state["step"] + 1
            steps_this_run += 1
            if args.max_steps and steps_this_run >= args.max_steps:
                save_checkpoint(ctx, args, network, optimizer, state)
                return None
            if state["step"] % args.checkpoint_every == 0:
                save_checkpoint(ctx, args, network, optimizer, state)
        for buffer in network.buffers():
            dist.broadcast(buffer, 0)  # batch-norm statistics: rank 0's, on every process
        loss_sum, seen = all_sum(ctx, [state["loss_sum"], state["seen"]])
        logs = {"loss": loss_sum / seen}
        logs[metric] = measure(ctx, network, train, args.chunk_rows)[1]
        if has_validation:
            logs["val_loss"], logs[f"val_{metric}"] = measure(ctx, network, validation, args.chunk_rows)
        if not math.isfinite(logs["loss"]) or not all(torch.isfinite(p).all() for p in network.parameters()):
            network.load_state_dict(state["last_finite"])
            state.update(finished=True, stop_reason="diverged")
            ctx.say(f"training diverged in epoch {epoch}: the loss or the weights became NaN or infinite; lower the learning rate. Back to epoch {epoch - 1}'s weights.")
            break
        for key, value in list(logs.items()) + [("learning_rate", state["learning_rate"])]:
            state["history"].setdefault(key, []).append(value)
        state.update(epochs_completed=epoch, last_finite=snapshot(network))
        stop, keep_best, rate = False, False, state["learning_rate"]
        if ctx.leader:
            if early:
                stop, keep_best = early.update(epoch, logs[monitor])
            if reduce:
                rate = reduce.update(logs[monitor], rate)
            if logs[monitor] < state["best"][0]:
                state["best"] = [logs[monitor], epoch]
        stop, keep_best, rate = from_leader(ctx, (stop, keep_best, rate))
        if keep_best:
            state["best_weights"] = snapshot(network)
        state.update(epoch=epoch + 1, batch=0, loss_sum=0.0, seen=0.0, learning_rate=rate,
                     early=vars(early) if early else None, reduce=vars(reduce) if reduce else None)
        ctx.say(f"epoch {epoch}/{args.epochs}: " + ", ".join(f"{k} {v:.4f}" for k, v in logs.items()) + f" ({time.time() - started:.1f} s)")
        if stop:
            state.update(finished=True, stop_reason="early-stopped")
        save_checkpoint(ctx, args, network, optimizer, state)
    if not state["finished"]:
        state["finished"] = True
    if state["early"] is not None and state["best_weights"] is not None and EARLY_STOPPING["restoreBestWeights"]:
        network.load_state_dict(state["best_weights"])
        state["restored_epoch"] = state["early"]["best_epoch"]
    return state
`;
