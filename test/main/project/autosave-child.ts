/** A session that autosaves a project named argv[3] into the folder argv[2], says "saved", then waits to be killed. */
import { Autosave } from '../../../main/project/autosave.ts';
import { emptyProject } from '../../../main/project/project-store.ts';

const autosave = new Autosave({ dir: process.argv[2]!, delayMs: 10 });
autosave.update({ ...emptyProject(process.argv[3]!), view: { step: 'train' } }, null);
await autosave.flush();
process.stdout.write('saved\n');
setInterval(() => undefined, 1000);
