import type { RequestMeta } from '../../auth/principal.js';
import type { AccessRecorder, ResidentAccess } from '../../auth/access.js';

/** Keeps every recorded access in memory so tests can assert what was served. */
export class MemoryAccessRecorder implements AccessRecorder {
  readonly events: (ResidentAccess & { requestId: string; purpose: string | null })[] = [];

  async record(meta: RequestMeta, access: ResidentAccess): Promise<void> {
    this.events.push({ ...access, requestId: meta.requestId, purpose: meta.purpose });
  }

  idsServed(type: string): Set<string> {
    return new Set(this.events.filter((e) => e.type === type).flatMap((e) => e.ids));
  }
}
