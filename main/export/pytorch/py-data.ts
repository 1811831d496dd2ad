/**
 * Python for the PyTorch script's data: the file read and cleaned in chunks, Layerlab's own split of its rows
 * (the generator and the split algorithm of engine/nn/rng.ts and engine/prep/split.ts, drawn the same way), and
 * each process's shard of cleaned rows in float32 files that the epochs read back a block at a time.
 */
export const PY_DATA = String.raw`
# ---------------------------------------------------------------------------------------------------------
# Step 1 (continued): read the file in chunks, split its rows as Layerlab does, give each process its shard.
# ---------------------------------------------------------------------------------------------------------
LEFT_OUT = {}


def left_out(count, reason, examples=()):
    """Counts the rows the cleaning leaves out, by reason, to print once rather than once per chunk."""
    entry = LEFT_OUT.setdefault(reason, [0, []])
    entry[0] += count
    entry[1] = sorted(set(entry[1]) | set(list(examples)[:5]), key=str)[:5]


def read_chunks(path, chunk_rows, columns=None):
    """The file chunk_rows rows at a time, tidied; each chunk's index holds its data row numbers (0: the row after
    the header). columns: read only these (None: all). An Excel workbook cannot be read in parts: it is read whole."""
    wanted = None if columns is None else set(columns)
    if is_excel(path):
        frame = read_table(path)
        if wanted is not None:
            frame = frame[[c for c in frame.columns if c in wanted]]
        for start in range(0, len(frame), chunk_rows):
            yield frame.iloc[start:start + chunk_rows].copy()
        return
    usecols = None if wanted is None else (lambda name: str(name).strip() in wanted)
    with pd.read_csv(path, chunksize=chunk_rows, usecols=usecols, **csv_options()) as reader:
        for chunk in reader:
            yield tidy(chunk)


def header_columns(path):
    if is_excel(path):
        return list(read_table(path).columns)
    return [str(c).strip() for c in pd.read_csv(path, nrows=0, **csv_options()).columns]


def cleaned_chunks(path, chunk_rows, keep=None):
    """(rows, X, y) chunk by chunk: data row numbers, features (float32, FEATURES in order) and y as the network
    learns it (None without a target column), exactly as "layerlab transform" cleans the file.
    keep(rows): which of a chunk's rows to clean (a boolean array for its row numbers); default all."""
    for frame in read_chunks(path, chunk_rows, list(INPUT_COLUMNS) + [TARGET]):
        if keep is not None:
            frame = frame[keep(frame.index.to_numpy())].copy()
        if len(frame) == 0:
            continue
        X, y = clean(type_columns(frame), training=False)
        yield X.index.to_numpy(), X.to_numpy(dtype=np.float32), None if y is None else y.to_numpy(dtype=np.float32)


TRAIN, VALIDATION, TEST, UNUSED = 0, 1, 2, 3


class Rng:
    """Layerlab's random generator (sfc32 seeded through splitmix32), so that the split draws the rows it drew."""
    MASK = 0xFFFFFFFF

    def __init__(self, seed):
        s = seed & self.MASK

        def next_seed():
            nonlocal s
            s = (s + 0x9E3779B9) & self.MASK
            z = ((s ^ (s >> 16)) * 0x85EBCA6B) & self.MASK
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & self.MASK
            return z ^ (z >> 16)

        self.a, self.b, self.c, self.d = next_seed(), next_seed(), next_seed(), 1
        for _ in range(12):
            self.next_uint32()

    def next_uint32(self):
        t = (self.a + self.b + self.d) & self.MASK
        self.d = (self.d + 1) & self.MASK
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & self.MASK
        self.c = (((self.c << 21) | (self.c >> 11)) + t) & self.MASK
        return t

    def shuffle(self, values):
        """Fisher–Yates in place, each draw unbiased by rejection, as Layerlab's Rng.shuffle."""
        for i in range(len(values) - 1, 0, -1):
            n = i + 1
            limit = 4294967296 - 4294967296 % n
            x = self.next_uint32()
            while x >= limit:
                x = self.next_uint32()
            j = x % n
            values[i], values[j] = values[j], values[i]


def js_round(x):
    """JavaScript's Math.round: halves go up."""
    whole = math.floor(x)
    return whole + 1 if x - whole >= 0.5 else whole


def largest_remainder(quotas, total):
    shares = [math.floor(q) for q in quotas]
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - math.floor(quotas[i])), i))
    for i in order[:max(0, total - sum(shares))]:
        shares[i] += 1
    return shares


def split_rows(count, classes=None):
    """Layerlab's split (engine/prep/split.ts) of count rows, one byte per row: TRAIN, VALIDATION or TEST. Each
    class (classes: one per row; None: unstratified, all rows as one group), in class order, is shuffled with the
    recipe's seed as Layerlab's generator draws, then cut into its test, validation and training shares, rounded by
    largest remainder so that the split sizes match the fractions; a class keeps at least one training row."""
    rng = Rng(SPLIT["seed"])
    sizes = np.bincount(classes) if classes is not None else np.array([count])
    present = [k for k in range(len(sizes)) if sizes[k] > 0]
    counts = [int(sizes[k]) for k in present]
    test_shares = largest_remainder([n * SPLIT["test"] for n in counts], js_round(count * SPLIT["test"]))
    validation_shares = largest_remainder([n * SPLIT["validation"] for n in counts], js_round(count * SPLIT["validation"]))
    split_of = np.full(count, TRAIN, dtype=np.uint8)
    for k, n, n_test, n_validation in zip(present, counts, test_shares, validation_shares):
        order = array("i")  # 4 bytes a row, and fast to swap in
        order.frombytes((np.arange(count, dtype=np.int32) if classes is None else np.flatnonzero(classes == k).astype(np.int32)).tobytes())
        rng.shuffle(order)
        while n_test + n_validation >= n and n_test + n_validation > 0:
            if n_test >= n_validation:
                n_test -= 1
            else:
                n_validation -= 1
        order = np.frombuffer(order, dtype=np.int32)
        split_of[order[:n_test]] = TEST
        split_of[order[n_test:n_test + n_validation]] = VALIDATION
    return split_of


def row_hashes(frame, columns):
    """A 64-bit hash of each row's values in columns (None: all), equal for equal rows (-0.0 as 0.0)."""
    part = frame if columns is None else frame[columns]
    part = part.apply(lambda c: c + 0.0 if c.dtype.kind == "f" else c)
    return pd.util.hash_pandas_object(part, index=False).to_numpy()


def first_of_equal_rows(hashes, usable):
    """Of the usable rows, the first of each set of equal ones, as pandas' drop_duplicates keeps them."""
    rows = np.flatnonzero(usable)
    _, first = np.unique(hashes[rows], return_index=True)
    keep = np.zeros(len(usable), dtype=bool)
    keep[rows[first]] = True
    return keep


def target_classes(frame):
    """Each row's class index (regression: 0), or -1 where the target is empty or a class the model does not know."""
    values = frame[TARGET]
    if TASK == "regression":
        return np.where(np.isfinite(values.to_numpy(dtype=np.float64)), 0, -1).astype(np.int16)
    return values.map({label: i for i, label in enumerate(CLASS_LABELS)}).fillna(-1).to_numpy(dtype=np.int16)


def plan_split(path, chunk_rows):
    """One byte per data row of the file: TRAIN, VALIDATION, TEST, or UNUSED (removed by a step that runs before the
    split, or without a target). As in Layerlab, the steps that only remove rows (row filters, duplicates) run over
    the whole file first, rows without a target go, and the rest are split with the recipe's seed, stratified by
    class: on the file the model was trained on, this is Layerlab's own split, row for row."""
    step_parts = [[] for _ in BEFORE_SPLIT]
    class_parts = []
    for frame in read_chunks(path, chunk_rows, PLAN_COLUMNS):
        if TARGET not in frame.columns:
            raise SystemExit(f"{path} has no column {TARGET!r}, the target the model learns.")
        frame = type_columns(frame)
        for parts, (kind, step) in zip(step_parts, BEFORE_SPLIT):
            parts.append(frame.index.isin(step(frame).index) if kind == "rows" else row_hashes(frame, step))
        class_parts.append(target_classes(frame))
    classes = np.concatenate(class_parts) if class_parts else np.zeros(0, np.int16)
    usable = classes >= 0
    for parts, (kind, _) in zip(step_parts, BEFORE_SPLIT):
        values = np.concatenate(parts)
        usable &= values if kind == "rows" else first_of_equal_rows(values, usable)
    plan = np.full(len(classes), UNUSED, dtype=np.uint8)
    stratify = TASK != "regression" and SPLIT["stratify"]
    plan[usable] = split_rows(int(usable.sum()), classes[usable] if stratify else None)
    return plan


def file_facts(path, rows):
    """The training file as the model file's provenance describes it: name, SHA-256 of its bytes, rows, columns."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return {"name": os.path.basename(path), "sha256": digest.hexdigest(), "rows": rows, "columns": len(header_columns(path))}


class RowStore:
    """One split of this process's cleaned rows, in a float32 file: each row its features, then its target."""

    def __init__(self, path, width):
        self.path, self.width = path, width
        self.rows = os.path.getsize(path) // (4 * width) if os.path.exists(path) else 0

    def blocks(self, block_rows):
        for start in range(0, self.rows, block_rows):
            yield self.block(start // block_rows, block_rows)

    def block(self, index, block_rows):
        with open(self.path, "rb") as f:
            f.seek(index * block_rows * self.width * 4)
            return np.fromfile(f, dtype=np.float32, count=block_rows * self.width).reshape(-1, self.width)

    def block_count(self, block_rows):
        return (self.rows + block_rows - 1) // block_rows


SPLIT_NAMES = ("train", "validation", "test")


def write_shard(path, mine, rank, world, chunk_rows, folder):
    """Cleans this process's rows (those whose data row number modulo the world size is its rank; mine: their
    split, from the plan) and appends each to its split's file in folder. Rows the cleaning leaves out, or whose
    target is a class the model does not know, are not kept."""
    os.makedirs(folder, exist_ok=True)
    files = [open(os.path.join(folder, f"{name}.f32"), "wb") for name in SPLIT_NAMES]
    try:
        keep = lambda rows: (rows % world == rank) & (mine[rows // world] != UNUSED)
        for rows, X, y in cleaned_chunks(path, chunk_rows, keep):
            split_of = mine[rows // world]
            known = ~np.isnan(y)
            if not known.all():
                left_out(int((~known).sum()), "a target the model does not know")
            for split, f in enumerate(files):
                chosen = known & (split_of == split)
                np.hstack([X[chosen], y[chosen, None]]).astype(np.float32).tofile(f)
    finally:
        for f in files:
            f.close()
    return [RowStore(f.name, len(FEATURES) + 1).rows for f in files]
`;
