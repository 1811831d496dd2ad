/**
 * The fixed Python only the exported Keras script carries (the cleaning helpers it shares with the PyTorch
 * script are in pandas-reading.ts): the parts of steps 3 and 4 that read only the script's constants (TASK,
 * CLASS_LABELS, SPLIT, EPOCHS, ...), and the entry point.
 */

/** Keras' script reads the whole file at once: each reason rows are left out is printed as it happens. */
export const KERAS_LEFT_OUT = String.raw`
def left_out(count, reason, examples=()):
    print(f"{count} rows left out: {reason}" + (f": {list(examples)[:5]}" if len(examples) else ""))
`;

/** Step 3's split: the script's own train/validation/test rows, in Layerlab's proportions. */
export const PYTHON_SPLIT = String.raw`
# ---------------------------------------------------------------------------------------------------------
# Step 3: train it. Same proportions, seed and settings as in Layerlab; scikit-learn draws its own rows, so the
# split (and therefore the scores) differ a little from Layerlab's.
# ---------------------------------------------------------------------------------------------------------
def split(X, y):
    from sklearn.model_selection import train_test_split

    def cut(X, y, fraction):
        if fraction <= 0:
            return X, X.iloc[:0], y, y.iloc[:0]
        stratify = y if TASK != "regression" and SPLIT["stratify"] else None
        return train_test_split(X, y, test_size=fraction, stratify=stratify, random_state=SEED)

    X_rest, X_test, y_rest, y_test = cut(X, y, SPLIT["test"])
    X_train, X_val, y_train, y_val = cut(X_rest, y_rest, SPLIT["validation"] / (1 - SPLIT["test"]))
    return X_train, X_val, X_test, y_train, y_val, y_test


`;

/** Step 3 for one network: fit with the constants' epochs, batch size, class weights and callbacks. */
export const PYTHON_TRAIN = String.raw`def train(model, X_train, y_train, X_val, y_val):
    import keras

    validation = (X_val.to_numpy(), y_val.to_numpy()) if len(X_val) else None
    monitor = "val_loss" if validation else "loss"
    class_weight = None
    if CLASS_WEIGHT == "balanced" and TASK != "regression":
        counts = y_train.value_counts()
        class_weight = {int(k): len(y_train) / (len(CLASS_LABELS) * n) for k, n in counts.items()}
    return model.fit(X_train.to_numpy(), y_train.to_numpy(), validation_data=validation, epochs=EPOCHS, batch_size=BATCH_SIZE,
                     callbacks=callbacks(keras, monitor), class_weight=class_weight, verbose=2)


`;

/** Step 4: the test rows' scores, next to Layerlab's own. */
export const PYTHON_EVALUATE = String.raw`# ---------------------------------------------------------------------------------------------------------
# Step 4: evaluate it on the test rows (Layerlab's own test scores are in LAYERLAB_TEST_METRICS).
# ---------------------------------------------------------------------------------------------------------
def evaluate(model, X_test, y_test):
    outputs = model.predict(X_test.to_numpy(), verbose=0)
    if TASK == "regression":
        scale = TARGET_SCALE or {"mean": 0.0, "std": 1.0}
        actual = y_test.to_numpy() * scale["std"] + scale["mean"]
        predicted = outputs[:, 0] * scale["std"] + scale["mean"]
        errors = predicted - actual
        r2 = 1 - np.sum(errors ** 2) / np.sum((actual - actual.mean()) ** 2)
        print(f"test R² {r2:.4f}, RMSE {np.sqrt(np.mean(errors ** 2)):.4f}, MAE {np.mean(np.abs(errors)):.4f}")
    else:
        actual = y_test.to_numpy().astype(int)
        predicted = (outputs[:, 0] >= THRESHOLD).astype(int) if TASK == "binary" else outputs.argmax(axis=1)
        confusion = np.zeros((len(CLASS_LABELS), len(CLASS_LABELS)), dtype=int)
        np.add.at(confusion, (actual, predicted), 1)
        print(f"test accuracy {np.mean(actual == predicted):.4f}")
        print("confusion matrix (rows: actual, columns: predicted)")
        print(pd.DataFrame(confusion, index=CLASS_LABELS, columns=CLASS_LABELS).to_string())
    print(f"Layerlab's test scores: {LAYERLAB_TEST_METRICS}")


`;

/**
 * A script's entry point: read the arguments, clean and split the rows, then `steps` (4-space indented lines that
 * leave a trained `model`), then the test rows' scores and the saved model.
 */
export function pythonMain(steps: string): string {
  return String.raw`def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", nargs="?", default=SOURCE["name"], help=f"the data file (default: {SOURCE['name']})")
    parser.add_argument("--save", default="model.keras", help="where to save the trained Keras model")
    args = parser.parse_args()

    import keras

    keras.utils.set_random_seed(SEED)
    X, y = clean(load_data(args.data))
    print(f"{len(X)} rows x {X.shape[1]} features after cleaning")
    X_train, X_val, X_test, y_train, y_val, y_test = split(X, y)
${steps}    if len(X_test):
        evaluate(model, X_test, y_test)
    model.save(args.save)
    print(f"saved {args.save}")


if __name__ == "__main__":
    main()
`;
}

/** The entry point of a one-network script. */
export const PYTHON_MAIN = pythonMain(String.raw`    model = build_model()
    model.summary()
    train(model, X_train, y_train, X_val, y_val)
`);

/** Steps 3 and 4 and the entry point: nothing in them depends on the model but the constants above them. */
export const PYTHON_TRAIN_EVALUATE = `${PYTHON_SPLIT}${PYTHON_TRAIN}${PYTHON_EVALUATE}${PYTHON_MAIN}`;
