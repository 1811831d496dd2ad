/**
 * Python for the PyTorch script's processes: joining the process group under any launcher (or alone), the
 * collectives the script uses (sums, a value from rank 0, gathering on rank 0), and preparing each process's
 * shard of cleaned rows once, kept in the work folder for the epochs and for a resumed run.
 */
export const PY_PROCESSES = String.raw`
# ---------------------------------------------------------------------------------------------------------
# Processes: one, N local ones (--nproc), or as many as a launcher (torchrun, srun, Kubernetes) started.
# ---------------------------------------------------------------------------------------------------------
class Context:
    """This process's place in the run: rank, world size, device, and whether it speaks for the run (rank 0)."""

    def __init__(self, rank, world, local_rank, device):
        self.rank, self.world, self.local_rank, self.device = rank, world, local_rank, device
        self.leader = rank == 0

    def say(self, message):
        if self.leader:
            print(message, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def join_process_group(args):
    """Joins the run from the launcher's RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT (Slurm's
    SLURM_PROCID, SLURM_NTASKS and SLURM_LOCALID where RANK is absent); alone without them. Backend: nccl on
    CUDA GPUs, else gloo."""
    env = os.environ
    rank = int(env.get("RANK", env.get("SLURM_PROCID", 0)))
    world = int(env.get("WORLD_SIZE", env.get("SLURM_NTASKS", 1)))
    local_rank = int(env.get("LOCAL_RANK", env.get("SLURM_LOCALID", 0)))
    if world > 1 and ("MASTER_ADDR" not in env or "MASTER_PORT" not in env):
        raise SystemExit(f"{world} processes need MASTER_ADDR and MASTER_PORT (rank 0's host and a free port); torchrun sets them.")
    env.setdefault("MASTER_ADDR", "127.0.0.1")
    env.setdefault("MASTER_PORT", str(free_port()))
    cuda = torch.cuda.is_available() and not args.cpu
    device = torch.device("cuda", local_rank) if cuda else torch.device("cpu")
    if cuda:
        torch.cuda.set_device(device)
    local_world = int(str(env.get("LOCAL_WORLD_SIZE", env.get("SLURM_NTASKS_PER_NODE", args.nproc or 1))).split("(")[0])
    torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_world))
    dist.init_process_group("nccl" if cuda else "gloo", rank=rank, world_size=world)
    return Context(rank, world, local_rank, device)


def leave(code=0):
    """Leaves at once. Debian's PyTorch 1.13 sometimes hangs in the interpreter's exit after a gloo process group;
    everything is written and flushed by then."""
    if dist.is_initialized():
        dist.destroy_process_group()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def all_sum(ctx, values):
    """The element-wise sum of values (numbers) over every process, as float64."""
    tensor = torch.tensor(values, dtype=torch.float64, device=ctx.device)
    dist.all_reduce(tensor)
    return tensor.cpu().tolist()


def all_max(ctx, values):
    tensor = torch.tensor(values, dtype=torch.float64, device=ctx.device)
    dist.all_reduce(tensor, op=dist.ReduceOp.MAX)
    return tensor.cpu().tolist()


def from_leader(ctx, value):
    """Rank 0's value (any picklable object), on every process."""
    holder = [value if ctx.leader else None]
    dist.broadcast_object_list(holder, src=0, device=ctx.device if ctx.device.type == "cuda" else None)
    return holder[0]


def gather_on_leader(ctx, value):
    """Every process's value, in rank order, on rank 0 (None elsewhere). Older PyTorch versions cannot gather
    objects over nccl: there every process receives them."""
    if dist.get_backend() == "nccl":
        values = [None] * ctx.world
        dist.all_gather_object(values, value)
        return values if ctx.leader else None
    values = [None] * ctx.world if ctx.leader else None
    dist.gather_object(value, values, dst=0)
    return values


def shard_of(ctx, plan):
    """This process's part of rank 0's split plan (one byte per row of the file; every process gets it whole)."""
    rows = from_leader(ctx, len(plan) if ctx.leader else None)
    tensor = (torch.from_numpy(plan) if ctx.leader else torch.empty(rows, dtype=torch.uint8)).to(ctx.device)
    dist.broadcast(tensor, 0)
    return np.ascontiguousarray(tensor.cpu().numpy()[ctx.rank::ctx.world])


def data_stamp(path):
    facts = os.stat(path)
    return {"path": os.path.abspath(path), "bytes": facts.st_size, "modified": facts.st_mtime_ns}


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def prepare_shards(ctx, args):
    """This process's training, validation and test rows, cleaned, as RowStores in the work folder. Made once:
    rank 0 plans Layerlab's split of the whole file (reading only the columns the split needs) and sends it to
    every process; each then cleans its own rows. A later run on the same file and world size reuses them."""
    folder = os.path.join(args.workdir, f"rank-{ctx.rank}-of-{ctx.world}")
    stamp = {"export": EXPORT_ID, "data": data_stamp(args.data)}
    shard = read_json(os.path.join(folder, "shard.json"))
    reusable = shard is not None and shard.get("stamp") == stamp
    if all_sum(ctx, [1.0 if reusable else 0.0])[0] < ctx.world:
        started = time.time()
        ctx.say(f"planning Layerlab's split of {args.data} ...")
        plan = plan_split(args.data, args.chunk_rows) if ctx.leader else None
        facts = file_facts(args.data, len(plan)) if ctx.leader else None
        if ctx.leader:
            counts = np.bincount(plan, minlength=4)
            ctx.say(f"{len(plan)} rows: {counts[TRAIN]} training, {counts[VALIDATION]} validation, {counts[TEST]} test, {counts[UNUSED]} not used (removed before the split, or without a target)")
        mine = shard_of(ctx, plan)
        del plan
        LEFT_OUT.clear()
        rows = write_shard(args.data, mine, ctx.rank, ctx.world, args.chunk_rows, folder)
        shard = {"stamp": stamp, "rows": rows, "source": facts, "leftOut": {k: v[0] for k, v in LEFT_OUT.items()}}
        with open(os.path.join(folder, "shard.json"), "w", encoding="utf-8") as f:
            json.dump(shard, f)
        ctx.say(f"cleaned each process's rows into {args.workdir} in {time.time() - started:.1f} s")
    left = gather_on_leader(ctx, shard["leftOut"])
    if ctx.leader:
        for reason in sorted({reason for part in left for reason in part}):
            ctx.say(f"{int(sum(part.get(reason, 0) for part in left))} rows left out: {reason}")
    stores = [RowStore(os.path.join(folder, f"{name}.f32"), len(FEATURES) + 1) for name in SPLIT_NAMES]
    return stores, shard["source"]
`;
