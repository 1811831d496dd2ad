/**
 * The Keras script's network part for an ensemble (model format 2.0): one Sequential model per member, each
 * trained as Layerlab trained it (its own early-stopping rows, epochs, batch size, learning rate and patience),
 * then one functional model that averages them — the same layers Layerlab's file holds.
 */
import type { ModelFile } from '../../engine/model/model-file.ts';
import type { NetworkSpec } from '../../engine/nn/network-spec.ts';
import { pythonMain } from './keras-helpers.ts';
import { py } from './python-literal.ts';

export interface EnsembleParts {
  readonly layerCode: (layer: NetworkSpec['layers'][number]) => string;
  readonly optimizerCode: (settings: ModelFile['training']['settings']['optimizer']) => string;
  readonly loss: string;
  readonly metrics: string;
}

/** MEMBERS: how each member was trained, for `train_member`. */
export function membersConstant(file: ModelFile): string {
  const members = file.training.members ?? [];
  const rows = members.map((m, index) => {
    const stop = m.settings.earlyStopping;
    const plateau = m.settings.reduceLrOnPlateau;
    return py({
      index,
      epochs: m.settings.epochs,
      batch_size: m.settings.batchSize,
      validation: m.rows.validation / Math.max(1, m.rows.train + m.rows.validation),
      patience: stop ? stop.patience : m.settings.epochs,
      lr_patience: plateau ? plateau.patience : m.settings.epochs,
      min_lr: plateau ? (plateau.minLearningRate ?? 0) : 0,
      class_weight: m.settings.classWeight,
    });
  });
  return `MEMBERS = [\n${rows.map((r) => `    ${r},`).join('\n')}\n]`;
}

export function ensembleBuildCode(file: ModelFile, specs: readonly NetworkSpec[], parts: EnsembleParts): string {
  const members = file.training.members ?? [];
  const inputs = specs[0]!.inputSize;
  const blocks = specs.map((spec, k) => {
    const optimizer = parts.optimizerCode(members[k]?.settings.optimizer ?? file.training.settings.optimizer);
    return [
      `    members.append(keras.Sequential([`,
      `        keras.Input(shape=(${inputs},)),`,
      ...spec.layers.map((layer) => `        ${parts.layerCode(layer)},`),
      `    ], name=${py(`member${k + 1}`)}))`,
      `    members[-1].compile(optimizer=${optimizer}, loss=${parts.loss}, metrics=${parts.metrics})`,
    ].join('\n');
  });
  return `def build_members():
    """The ensemble's ${specs.length} networks, each compiled as Layerlab trained it; all read the same features."""
    import keras
    from keras import layers

    members = []
${blocks.join('\n')}
    return members


def build_model(members=None):
    """The ensemble as one model: every member reads the same features; the prediction is their mean."""
    import keras
    from keras import layers

    members = members or build_members()
    inputs = keras.Input(shape=(${inputs},))
    return keras.Model(inputs, layers.Average()([member(inputs) for member in members]), name="ensemble")
`;
}

/** Step 3 for an ensemble: each member on its own early-stopping rows (another seed each), as Layerlab's folds were. */
export const PYTHON_TRAIN_MEMBER = String.raw`

def train_member(member, settings, X, y):
    import keras
    from sklearn.model_selection import train_test_split

    stratify = y if TASK != "regression" else None
    X_fit, X_stop, y_fit, y_stop = train_test_split(X, y, test_size=settings["validation"], stratify=stratify, random_state=SEED + settings["index"])
    class_weight = None
    if settings["class_weight"] == "balanced" and TASK != "regression":
        counts = y_fit.value_counts()
        class_weight = {int(k): len(y_fit) / (len(CLASS_LABELS) * n) for k, n in counts.items()}
    callbacks = [
        keras.callbacks.EarlyStopping(monitor="val_loss", patience=settings["patience"], restore_best_weights=True),
        keras.callbacks.ReduceLROnPlateau(monitor="val_loss", patience=settings["lr_patience"], factor=0.5, min_lr=settings["min_lr"]),
    ]
    return member.fit(X_fit.to_numpy(), y_fit.to_numpy(), validation_data=(X_stop.to_numpy(), y_stop.to_numpy()), epochs=settings["epochs"],
                      batch_size=settings["batch_size"], callbacks=callbacks, class_weight=class_weight, verbose=0)


`;

/** The entry point of an ensemble script: every member trained on the non-test rows, then averaged. */
export const PYTHON_ENSEMBLE_MAIN = pythonMain(String.raw`    X_rest, y_rest = pd.concat([X_train, X_val]), pd.concat([y_train, y_val])
    members = build_members()
    for settings, member in zip(MEMBERS, members):
        history = train_member(member, settings, X_rest, y_rest)
        print(f"member {settings['index'] + 1} of {len(members)}: {len(history.epoch)} epochs")
    model = build_model(members)
    model.summary()
`);
