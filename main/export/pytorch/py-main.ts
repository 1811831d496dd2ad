/**
 * Python for the end of the PyTorch script: writing the trained network back as a Layerlab model file, one run
 * from shards to model file, the command line (`--help` documents every flag), and starting the processes.
 */
export const PY_MAIN = String.raw`
# ---------------------------------------------------------------------------------------------------------
# Step 5: write the trained network as a Layerlab model file: the same recipe and schema, the new weights.
# ---------------------------------------------------------------------------------------------------------
def trained_model_file(ctx, args, network, state, rows, reports, source):
    model = json.loads(json.dumps(MODEL))
    weights = layerlab_weights(network)
    data = b"".join(weights[spec["name"]].astype("<f4").tobytes() for spec in model["network"]["weightSpecs"])
    model["network"]["weightData"] = base64.b64encode(data).decode("ascii")
    settings = model["training"]["settings"]
    settings.update(seed=args.seed, batchSize=max(1, round(args.batch_size / ctx.world)) * ctx.world, epochs=args.epochs or settings["epochs"],
                    optimizer=OPTIMIZER, earlyStopping=EARLY_STOPPING or False, reduceLrOnPlateau=REDUCE_LR_ON_PLATEAU or False, classWeight=CLASS_WEIGHT)
    early = state["early"]
    model["training"].update({
        "rows": dict(zip(SPLIT_NAMES, (int(r) for r in rows))),
        "epochsCompleted": state["epochs_completed"],
        "bestEpoch": early["best_epoch"] if early else state["best"][1],
        "stopReason": state["stop_reason"],
        "history": {key: [v if math.isfinite(v) else None for v in values] for key, values in state["history"].items()},
    })
    model["metrics"] = {"test": reports[1], "validation": reports[0]}
    backend = dist.get_backend()
    model["provenance"] = {
        "source": dict(model["provenance"]["source"], **source),
        "app": {"name": "Layerlab PyTorch script", "version": LAYERLAB_VERSION},
        "created": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "trainedBy": {"summary": f"trained by PyTorch DDP, world size {ctx.world}", "engine": "PyTorch DistributedDataParallel",
                      "torch": torch.__version__, "backend": backend, "worldSize": ctx.world},
    }
    return model


def weights_digest(network):
    digest = hashlib.sha256()
    for name, tensor in sorted(network.state_dict().items()):
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().numpy().tobytes())
    return digest.hexdigest()


def run(ctx, args):
    """Shards, network, training, evaluation, model file: what every process runs."""
    stores, source = prepare_shards(ctx, args)
    torch.manual_seed(args.seed)
    network = build_network().to(ctx.device)
    if args.init == "model":
        set_layerlab_weights(network, model_file_weights())
    checkpoint = load_checkpoint(ctx, args)
    if checkpoint:
        ctx.say(f"going on from {os.path.join(args.workdir, 'checkpoint.pt')}: epoch {checkpoint['state']['epoch']}, step {checkpoint['state']['step']}")
    state = fit(ctx, args, network, stores, checkpoint)
    if state is None:
        ctx.say(f"paused after {args.max_steps} steps, with a checkpoint: run the same command again to go on")
        return
    held = [held_out(ctx, network, store, args.chunk_rows) for store in stores[1:]]
    rows = all_sum(ctx, [store.rows for store in stores])
    digests = gather_on_leader(ctx, weights_digest(network))
    if not ctx.leader:
        return
    reports = [report_of(h) for h in held]
    print("weights sha256 by rank: " + ", ".join(f"{rank} {digest}" for rank, digest in enumerate(digests)))
    if len(set(digests)) > 1:
        raise SystemExit("the processes ended with different weights, which DistributedDataParallel should never let happen.")
    print(f"stopped: {state['stop_reason']} after {state['epochs_completed']} epochs" + (f"; weights of epoch {state['restored_epoch']} restored" if state.get("restored_epoch") else ""))
    for name, report in zip(("validation", "test"), reports):
        if report is not None:
            print_report(name, report)
    print(f"Layerlab's test scores: {LAYERLAB_TEST_METRICS}")
    model = trained_model_file(ctx, args, network, state, rows, reports, source)
    with open(args.out + ".part", "w", encoding="utf-8") as f:
        json.dump(model, f, indent=1, allow_nan=False)
        f.write("\n")
    os.replace(args.out + ".part", args.out)
    print(f"wrote {args.out}: open it in Layerlab to evaluate, predict and export it")


LAUNCHING = """
one process:            python3 %(prog)s data.csv
N local processes:      python3 %(prog)s data.csv --nproc N
a launcher (torchrun):  torchrun --nproc-per-node 8 %(prog)s data.csv
  on M machines, add to torchrun: --nnodes M --node-rank I --master-addr HOST --master-port PORT
  under Slurm: srun torchrun ... (one torchrun per machine), or srun with MASTER_ADDR and MASTER_PORT exported

Every process reads the file in chunks and cleans the rows whose number (0: the first row after the header)
modulo the number of processes is its rank. Rank 0 first splits the rows as Layerlab does (the recipe's
split and seed): training, validation and test rows are those Layerlab used on the same file.
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, epilog=LAUNCHING, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", default=SOURCE["name"], help=f"the CSV file to train on (default: {SOURCE['name']})")
    parser.add_argument("--out", help="the Layerlab model file to write (default: <data name>-pytorch.json)")
    parser.add_argument("--nproc", type=int, metavar="N", help="start N processes on this machine (torch.multiprocessing.spawn); leave it out under torchrun, srun or another launcher")
    parser.add_argument("--init", choices=("fresh", "model"), default="fresh", help="fresh: initial weights drawn with --seed by the layers' initializers (default); model: the weights of the model file this script came from")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the initial weights, the row order and dropout (default {SEED}); the split keeps the recipe's seed, {SPLIT['seed']}")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"most epochs to train, early stopping may end sooner (default {EPOCHS}); 0 evaluates the initial weights")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=f"rows per optimizer step over all processes, each taking its share (default {BATCH_SIZE})")
    parser.add_argument("--chunk-rows", type=int, default=50000, help="rows read and cleaned at a time, and rows per shuffled block in training: memory grows with it, not with the file (default 50000)")
    parser.add_argument("--workdir", default="train_torch_work", help="folder for each process's cleaned rows and the checkpoint (default train_torch_work); on several machines, one they all see")
    parser.add_argument("--checkpoint-every", type=int, default=1000, metavar="STEPS", help="write a checkpoint every STEPS optimizer steps, and after each epoch (default 1000)")
    parser.add_argument("--max-steps", type=int, default=0, metavar="STEPS", help="stop after STEPS optimizer steps in this run, with a checkpoint (for time-limited jobs); run the same command again to go on")
    parser.add_argument("--restart", action="store_true", help="train from the start, ignoring the work folder's checkpoint (by default a run goes on from it)")
    parser.add_argument("--cpu", action="store_true", help="train on the CPU with gloo even where CUDA GPUs exist")
    args = parser.parse_args(argv)
    for name in ("batch_size", "chunk_rows", "checkpoint_every", "nproc"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be 1 or more, not {value}")
    if args.epochs < 0 or args.max_steps < 0:
        parser.error("--epochs and --max-steps must be 0 or more")
    if args.nproc and "WORLD_SIZE" in os.environ:
        parser.error("--nproc starts its own processes: under torchrun, srun or another launcher, leave it out")
    if not os.path.isfile(args.data):
        parser.error(f"{args.data}: no such file")
    columns = header_columns(args.data)
    require_columns(columns, args.data)
    if TARGET not in columns:
        parser.error(f"{args.data} has no column {TARGET!r}, the target to learn")
    args.out = args.out or f"{os.path.splitext(os.path.basename(args.data))[0]}-pytorch.json"
    return args


def run_and_leave(args):
    ctx = join_process_group(args)
    try:
        run(ctx, args)
    except SystemExit as stop:
        if stop.code not in (None, 0):
            print(stop.code, file=sys.stderr)
            leave(1)
    except BaseException:
        traceback.print_exc()
        leave(1)
    leave(0)


def spawned(index, args, port):
    os.environ.update(RANK=str(index), WORLD_SIZE=str(args.nproc), LOCAL_RANK=str(index), LOCAL_WORLD_SIZE=str(args.nproc),
                      MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    run_and_leave(args)


def main(argv=None):
    args = parse_args(argv)
    if args.nproc:
        try:
            torch.multiprocessing.spawn(spawned, args=(args, free_port()), nprocs=args.nproc)
        except torch.multiprocessing.ProcessExitedException as error:
            raise SystemExit(f"stopped: {error}")
        return
    run_and_leave(args)
`;
