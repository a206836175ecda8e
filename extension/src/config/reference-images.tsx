import { ErrorLine } from '../ui/error-line.js';
import { errorText } from '../ui/error-text.js';
import { MAX_REFERENCES_PER_KIT } from './reference-rules.js';
import { ReferenceUpload } from './reference-upload.js';
import { useReferenceImages } from './use-reference-images.js';

/**
 * A kit's reference images — photos or drawings of the subject (the streamer's cat, their mascot)
 * that every job of the kit sends so the subject keeps its likeness: thumbnails, delete, upload.
 */
export function ReferenceImages({
  brandKitId,
  readOnly,
}: {
  readonly brandKitId: string;
  readonly readOnly: boolean;
}) {
  const references = useReferenceImages(brandKitId);
  const { items } = references;
  return (
    <section class="references" aria-labelledby={`references-${brandKitId}`}>
      <h3 id={`references-${brandKitId}`}>Reference images</h3>
      <p class="small muted">
        Photos or drawings of your subject: every job of this kit keeps its likeness (not its composition). At
        most {MAX_REFERENCES_PER_KIT} per kit.
      </p>
      {references.loadError !== null && <p class="small form-error">{errorText(references.loadError)}</p>}
      {items && items.length > 0 && (
        <ul class="reference-list" aria-label="Reference images">
          {items.map((image) => (
            <li key={image.id} data-reference-id={image.id} class="reference-item">
              <img class="reference-thumb checker" src={image.url} alt={image.label} width={72} height={72} />
              <span class="small reference-label">{image.label}</span>
              {!readOnly && (
                <button
                  type="button"
                  class="danger"
                  disabled={references.busy}
                  aria-label={`Delete ${image.label}`}
                  onClick={() => void references.remove(image.id)}
                >
                  Delete
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && items && items.length < MAX_REFERENCES_PER_KIT && (
        <ReferenceUpload busy={references.busy} onUpload={references.upload} />
      )}
      <ErrorLine error={references.error} class="reference-error" />
    </section>
  );
}
