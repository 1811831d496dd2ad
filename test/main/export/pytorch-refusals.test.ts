/** What the PyTorch export cannot write, it refuses by name, before writing anything. */
import { describe, expect, it } from 'vitest';
import { isUserFacingError } from '../../../engine/errors.ts';
import type { ModelFile } from '../../../engine/model/model-file.ts';
import { torchScript } from '../../../main/export/pytorch/torch-script.ts';
import { trained } from '../../engine/model/trained.ts';

function refusal(file: ModelFile): string {
  try {
    torchScript(file);
  } catch (error) {
    if (isUserFacingError(error)) return error.message;
    throw error;
  }
  return expect.fail('the export went through');
}

describe('PyTorch export refusals', () => {
  it('refuses an ensemble (a functional Model averaging networks) by name', async () => {
    const { file } = await trained('iris');
    const ensemble = { ...file, network: { ...file.network, modelTopology: { ...file.network.modelTopology, class_name: 'Model' } } } as unknown as ModelFile;
    expect(refusal(ensemble)).toMatch(/^The PyTorch script trains one Sequential network; this model's network is an ensemble \(a functional Model that averages several networks\)/);
  });
});
