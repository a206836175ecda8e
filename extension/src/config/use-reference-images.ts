import { useEffect, useState } from 'preact/hooks';
import type { ReferenceImage } from '../../../client/index.js';
import { useStudio } from '../studio/studio-context.js';
import { useAction } from '../ui/use-action.js';

/**
 * One brand kit's reference images, oldest first, with upload and delete: each goes to the server
 * at once (a reference is its own resource, not a field saved with the kit).
 */
export function useReferenceImages(brandKitId: string) {
  const { api } = useStudio();
  const [items, setItems] = useState<readonly ReferenceImage[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useAction();

  useEffect(() => {
    let stale = false;
    api.referenceImages({ brandKitId }).then(
      (answer) => !stale && setItems(answer.items),
      (failure: unknown) => !stale && setLoadError(failure),
    );
    return () => {
      stale = true;
    };
  }, [api, brandKitId]);

  const upload = (image: File, label: string) =>
    action.run(async () => {
      const added = await api.uploadReferenceImage(image, { label, brandKitId });
      setItems((held) => [...(held ?? []), added]);
    });
  const remove = (id: string) =>
    action.run(async () => {
      await api.deleteReferenceImage(id);
      setItems((held) => held?.filter((image) => image.id !== id) ?? null);
    });
  return { items, loadError, upload, remove, busy: action.busy, error: action.error };
}
