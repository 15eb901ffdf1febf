// Build the renderer once for the end-to-end tests (served through the app:// handler logic).
import { buildRenderer } from '../../main/preview/run';

export default async function setup(): Promise<void> {
  await buildRenderer();
}
