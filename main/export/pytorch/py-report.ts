/**
 * Python for the PyTorch script's evaluation: Layerlab's classification and regression reports (engine/metrics:
 * confusion matrix, precision/recall/F1 with scikit-learn's conventions, log-loss, ROC and AUC with ties grouped,
 * the curve thinned to 500 points), computed from the held-out rows' outputs gathered on rank 0.
 */
export const PY_REPORT = String.raw`
# ---------------------------------------------------------------------------------------------------------
# Step 4: evaluate it on the test rows, with Layerlab's report (the confusion matrix, ROC and AUC, ...).
# ---------------------------------------------------------------------------------------------------------
def held_out(ctx, network, store, block_rows):
    """(outputs, y) of a split's rows over every process, on rank 0; None elsewhere or when the split is empty."""
    outputs, targets = [], []
    for block in store.blocks(block_rows):
        outputs.append(predict(network, block[:, :-1]))
        targets.append(block[:, -1])
    parts = gather_on_leader(ctx, (np.concatenate(outputs) if outputs else None, np.concatenate(targets) if targets else None))
    parts = [part for part in parts or [] if part[0] is not None]
    if not parts:
        return None
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def ratio(a, b):
    return a / b if b else 0.0


def class_scores(confusion):
    """Per class: precision, recall, F1 (zero division gives 0), support and predicted rows."""
    scores = []
    for k in range(len(confusion)):
        support, predicted, hits = int(confusion[k].sum()), int(confusion[:, k].sum()), int(confusion[k, k])
        scores.append({"precision": ratio(hits, predicted), "recall": ratio(hits, support),
                       "f1": ratio(2 * hits, support + predicted), "support": support, "predicted": predicted})
    return scores


def average(scores, weight):
    total = sum(weight(s) for s in scores)
    return {key: ratio(sum(weight(s) * s[key] for s in scores), total) for key in ("precision", "recall", "f1")}


def roc_curve(labels, scores, positive):
    """(fpr, tpr, thresholds, auc) with ties grouped and collinear points dropped, as scikit-learn's roc_curve."""
    order = np.argsort(-scores, kind="stable")
    sorted_scores, hits = scores[order], labels[order] == positive
    del order
    last = np.r_[np.flatnonzero(np.diff(sorted_scores) != 0), len(scores) - 1]
    tp = np.cumsum(hits, dtype=np.int32)[last].astype(np.float64)
    fp = (last + 1) - tp  # rows scoring at least the threshold, less the positives among them
    positives, negatives = float(hits.sum()), float((~hits).sum())
    auc = math.nan
    if positives and negatives:
        auc = float(np.sum(np.diff(np.r_[0.0, fp]) * (tp + np.r_[0.0, tp[:-1]]))) / (2 * positives * negatives)
    if len(tp) > 2:
        bends = (np.diff(fp, 2) != 0) | (np.diff(tp, 2) != 0)
        kept = np.r_[0, np.flatnonzero(bends) + 1, len(tp) - 1]
        tp, fp, last = tp[kept], fp[kept], last[kept]
    fpr = np.r_[0.0, fp / negatives] if negatives else np.full(len(fp) + 1, math.nan)
    tpr = np.r_[0.0, tp / positives] if positives else np.full(len(tp) + 1, math.nan)
    return fpr, tpr, np.r_[math.inf, sorted_scores[last].astype(np.float64)], auc


def thin_curve(fpr, tpr, thresholds, max_points=500):
    """At most max_points points of the curve, none farther than needed from a dropped one (Layerlab's rule:
    keep a point once fpr + tpr has moved by a step, the smallest step that fits found by bisection)."""
    if len(fpr) <= max_points:
        return fpr, tpr, thresholds
    walk = fpr + tpr

    def kept(step):
        indices, last = [0], walk[0]
        for i in range(1, len(walk) - 1):
            if walk[i] - last >= step:
                indices.append(i)
                last = walk[i]
        return indices + [len(walk) - 1]

    fits, too_fine = 2 / (max_points - 2), 0.0
    best = kept(fits)
    for _ in range(20):
        step = (too_fine + fits) / 2
        candidate = kept(step)
        if len(candidate) <= max_points:
            fits, best = step, candidate
        else:
            too_fine = step
    return fpr[best], tpr[best], thresholds[best]


def finite_or_none(value):
    return float(value) if value is not None and math.isfinite(value) else None


def classification_report(probabilities, labels, threshold):
    """Layerlab's ClassificationReport (engine/metrics/classification-report.ts) of the outputs."""
    count = len(CLASS_LABELS)
    binary = count == 2
    labels = labels.astype(np.int64)
    rows = len(labels)
    clip = lambda p: np.clip(p, 1e-15, 1 - 1e-15)
    if binary:
        p1 = probabilities[:, 0].astype(np.float64)
        log_loss = -float(np.mean(np.log(clip(np.where(labels == 1, p1, 1 - p1)))))
        predicted = (p1 >= threshold).astype(np.int64)
        curves = [(1, *roc_curve(labels, probabilities[:, 0], 1))]
    else:
        log_loss = -float(np.mean(np.log(clip(probabilities[np.arange(rows), labels].astype(np.float64)))))
        predicted = probabilities.argmax(axis=1)
        curves = [(k, *roc_curve(labels, probabilities[:, k], k)) for k in range(count)]
    confusion = np.zeros((count, count), dtype=np.int64)
    np.add.at(confusion, (labels, predicted), 1)
    scores = class_scores(confusion)
    aucs = [c[4] for c in curves if not math.isnan(c[4])]
    auc = curves[0][4] if binary else (sum(aucs) / len(aucs) if aucs else math.nan)
    headline = scores[1] if binary else average(scores, lambda s: 1 if s["support"] or s["predicted"] else 0)
    present = [s for s in scores if s["support"]]
    warnings = []
    for label, s in zip(CLASS_LABELS, scores):
        if not s["support"]:
            warnings.append(f'No evaluated row has class "{label}": its recall is reported as 0 and its ROC curve and AUC are undefined. '
                            "Evaluate on more rows, or split with stratification, so every class is represented.")
        elif not s["predicted"]:
            warnings.append(f'The model never predicts class "{label}": its precision is reported as 0.')
    if len(present) == 1:
        warnings.append("Only one class occurs in the evaluated rows, so no ROC curve or AUC can be computed.")
    roc = []
    for k, fpr, tpr, thresholds, class_auc in curves:
        if math.isnan(class_auc):
            roc.append({"classIndex": k, "label": CLASS_LABELS[k], "auc": None, "fpr": [], "tpr": [], "thresholds": []})
            continue
        fpr, tpr, thresholds = thin_curve(fpr, tpr, thresholds)
        roc.append({"classIndex": k, "label": CLASS_LABELS[k], "auc": class_auc, "fpr": fpr.tolist(), "tpr": tpr.tolist(),
                    "thresholds": [finite_or_none(t) for t in thresholds]})
    return {
        "task": "binary" if binary else "multiclass", "rows": rows, "classCount": count, "classLabels": list(CLASS_LABELS),
        "threshold": threshold if binary else None, "accuracy": float(np.mean(labels == predicted)),
        "balancedAccuracy": ratio(sum(s["recall"] for s in present), len(present)),
        "precision": headline["precision"], "recall": headline["recall"], "f1": headline["f1"],
        "perClass": [{"index": k, "label": CLASS_LABELS[k], **{key: s[key] for key in ("precision", "recall", "f1", "support", "predicted")},
                      "auc": finite_or_none(auc if binary else curves[k][4])} for k, s in enumerate(scores)],
        "macro": average(scores, lambda s: 1 if s["support"] or s["predicted"] else 0),
        "weighted": average(scores, lambda s: s["support"]),
        "confusionMatrix": confusion.tolist(), "logLoss": log_loss, "auc": finite_or_none(auc), "roc": roc, "warnings": warnings,
    }


def regression_report(outputs, y):
    """Layerlab's RegressionReport, in the target's units."""
    scale = TARGET_SCALE or {"mean": 0.0, "std": 1.0}
    actual = y.astype(np.float64) * scale["std"] + scale["mean"]
    predicted = outputs[:, 0].astype(np.float64) * scale["std"] + scale["mean"]
    errors = actual - predicted
    mse = float(np.mean(errors ** 2))
    spread = float(np.sum((actual - actual[0] - np.mean(actual - actual[0])) ** 2))
    r2 = None if len(actual) < 2 else (1.0 if mse == 0 else 0.0) if spread == 0 else 1 - float(np.sum(errors ** 2)) / spread
    return {"rows": len(actual), "mse": mse, "rmse": math.sqrt(mse), "mae": float(np.mean(np.abs(errors))), "r2": r2}


def report_of(held):
    if held is None:
        return None
    outputs, y = held
    return regression_report(outputs, y) if TASK == "regression" else classification_report(outputs, y, THRESHOLD)


def print_report(name, report):
    shown = lambda value: "undefined" if value is None else f"{value:.4f}"
    if TASK == "regression":
        print(f"{name}: R² {shown(report['r2'])}, RMSE {report['rmse']:.4f}, MAE {report['mae']:.4f} ({report['rows']} rows)")
        return
    print(f"{name}: accuracy {report['accuracy']:.4f}, AUC {shown(report['auc'])} ({report['rows']} rows)")
    print("confusion matrix (rows: actual, columns: predicted)")
    print(pd.DataFrame(report["confusionMatrix"], index=CLASS_LABELS, columns=CLASS_LABELS).to_string())
`;
