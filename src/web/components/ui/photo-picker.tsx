import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api-client.js';
import { defineMessages } from '../../lib/i18n.js';
import './photo-picker.css';

const t = defineMessages({
  en: {
    tooLarge: '{name} is too large: photos and documents can be up to {size} MB.',
    wrongType: '{name} is not a photo or a PDF document.',
    failed: '{name} could not be uploaded. Remove it and try again.',
    failedRetry: '{name} could not be uploaded. Try again, or remove it.',
    tooMany: 'You can attach up to {max} files.',
    uploading: 'Uploading…',
    remove: 'Remove',
    removeNamed: 'Remove {name}',
    retry: 'Try again',
    retryNamed: 'Try again to upload {name}',
    preview: 'Preview of {name}',
    numbered: '{name} ({number})',
    pdf: 'PDF',
    file: 'File',
  },
});

export interface PickedFile {
  key: string;
  name: string;
  /** An object URL for the thumbnail, for image types the browser can show. */
  previewUrl: string | null;
  isPdf: boolean;
  status: 'uploading' | 'done' | 'error';
  attachmentId?: string;
  error?: string;
  /** The upload failed on the way (no connection, a server fault), so the same file may simply be sent again. */
  canRetry?: boolean;
}

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = /^(image\/(jpeg|png|webp|gif|heic|heif)|application\/pdf)$/;
const PREVIEWABLE = /^image\/(jpeg|png|webp|gif)$/;

/** Failures worth sending the same bytes again for; a 4xx answer (413, 415…) would only repeat itself. */
const transient = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

/**
 * Files upload the moment they are chosen, so the form submits only ids and the person sees at
 * once which file is too large or of the wrong kind. `uploadOne` posts one file and answers the
 * attachment; the server checks again by content, its answer (413, 415) wins.
 */
export function usePhotoUploads(uploadOne: (file: File) => Promise<{ id: string }>, { max = 10 }: { max?: number } = {}) {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [limitError, setLimitError] = useState<string>();
  const urls = useRef(new Set<string>());
  const counter = useRef(0);
  // Outside state, so `add` called twice before a render still counts every file, and a submit can
  // wait for the uploads in flight and read their ids without waiting for React.
  const count = useRef(0);
  const sources = useRef(new Map<string, File>());
  const uploads = useRef(new Map<string, Promise<string | undefined>>());

  useEffect(() => {
    const created = urls.current;
    return () => created.forEach((url) => URL.revokeObjectURL(url));
  }, []);

  const update = useCallback((key: string, patch: Partial<PickedFile>) => setFiles((current) => current.map((f) => (f.key === key ? { ...f, ...patch } : f))), []);

  const dropPreview = useCallback((key: string) => {
    setFiles((current) =>
      current.map((f) => {
        if (f.key !== key || !f.previewUrl) return f;
        URL.revokeObjectURL(f.previewUrl);
        urls.current.delete(f.previewUrl);
        return { ...f, previewUrl: null };
      }),
    );
  }, []);

  const start = useCallback(
    (key: string, file: File) => {
      const upload = uploadOne(file).then(
        (attachment) => {
          // Uploaded for good: the bytes are no longer needed for a retry.
          sources.current.delete(key);
          update(key, { status: 'done', attachmentId: attachment.id, error: undefined, canRetry: undefined });
          return attachment.id;
        },
        (error: unknown) => {
          const status = error instanceof ApiError ? error.status : 0;
          const message = status === 413 ? t('tooLarge', { name: file.name, size: MAX_BYTES / 1024 / 1024 }) : status === 415 ? t('wrongType', { name: file.name }) : t('failed', { name: file.name });
          update(key, { status: 'error', error: message, canRetry: transient(status) });
          // The content is not a picture after all (a renamed file): its preview would only show as broken.
          if (status === 415) dropPreview(key);
          return undefined;
        },
      );
      uploads.current.set(key, upload);
    },
    [dropPreview, update, uploadOne],
  );

  const add = useCallback(
    (chosen: FileList | File[]) => {
      const list = Array.from(chosen);
      const room = Math.max(0, max - count.current);
      setLimitError(list.length > room ? t('tooMany', { max }) : undefined);
      const added: PickedFile[] = [];
      for (const file of list.slice(0, room)) {
        const key = `f${++counter.current}`;
        const previewUrl = PREVIEWABLE.test(file.type) ? URL.createObjectURL(file) : null;
        if (previewUrl) urls.current.add(previewUrl);
        const problem = file.size > MAX_BYTES ? t('tooLarge', { name: file.name, size: MAX_BYTES / 1024 / 1024 }) : file.type && !ACCEPTED.test(file.type) ? t('wrongType', { name: file.name }) : undefined;
        added.push({ key, name: file.name, previewUrl, isPdf: file.type === 'application/pdf', status: problem ? 'error' : 'uploading', ...(problem ? { error: problem } : {}) });
        if (problem) uploads.current.set(key, Promise.resolve(undefined));
        else {
          sources.current.set(key, file);
          start(key, file);
        }
      }
      count.current += added.length;
      setFiles((current) => [...current, ...added]);
    },
    [max, start],
  );

  /** Sends a file again after a transient failure; files the server refused stay refused. */
  const retry = useCallback(
    (key: string) => {
      const file = sources.current.get(key);
      if (!file) return;
      update(key, { status: 'uploading', error: undefined, canRetry: undefined });
      start(key, file);
    },
    [start, update],
  );

  const remove = useCallback((key: string) => {
    setLimitError(undefined);
    // A late answer for a removed file finds no row to update and no promise to be waited for.
    if (uploads.current.delete(key)) count.current -= 1;
    sources.current.delete(key);
    setFiles((current) => {
      const gone = current.find((f) => f.key === key);
      if (gone?.previewUrl) {
        URL.revokeObjectURL(gone.previewUrl);
        urls.current.delete(gone.previewUrl);
      }
      return current.filter((f) => f.key !== key);
    });
  }, []);

  const reset = useCallback(() => {
    urls.current.forEach((url) => URL.revokeObjectURL(url));
    urls.current.clear();
    uploads.current.clear();
    sources.current.clear();
    count.current = 0;
    setFiles([]);
    setLimitError(undefined);
  }, []);

  /** Waits for the uploads still running; answers the ids of the files that made it, in the order picked, and whether any failed. */
  const finish = useCallback(async () => {
    const results = await Promise.all(uploads.current.values());
    return { attachmentIds: results.filter((id): id is string => !!id), failed: results.some((id) => !id) };
  }, []);

  return {
    files,
    add,
    remove,
    retry,
    reset,
    finish,
    limitError,
    uploading: files.some((f) => f.status === 'uploading'),
    failed: files.some((f) => f.status === 'error'),
    attachmentIds: files.flatMap((f) => (f.status === 'done' && f.attachmentId ? [f.attachmentId] : [])),
  };
}

interface PhotoPickerProps {
  /** The visible text of the choose button, which is also the file input's label. */
  label: string;
  hint?: string | undefined;
  files: PickedFile[];
  onAdd(files: FileList): void;
  onRemove(key: string): void;
  /** Offers "Try again" on files whose upload failed on the way (see `PickedFile.canRetry`). */
  onRetry?: ((key: string) => void) | undefined;
  /** A problem with the set as a whole (too many files, a server error naming the field). */
  error?: string | undefined;
  id?: string | undefined;
  /** The input's `accept`; photos and PDFs unless narrowed (e.g. `image/*`). */
  accept?: string | undefined;
  /** Opens the camera directly on phones (`environment`: the back camera). */
  capture?: 'user' | 'environment' | undefined;
  /** While the form is sending: nothing may be added, removed or retried. */
  disabled?: boolean | undefined;
  /** `large` for gloved hands on a phone (the technician view). */
  size?: 'medium' | 'large' | undefined;
}

/**
 * What each file is called to assistive technology. Phones name every camera shot alike
 * ("image.jpg"), so repeated names get a number: two "Remove image.jpg" buttons could not be told apart.
 */
function namesOf(files: PickedFile[]): Map<string, string> {
  const total = new Map<string, number>();
  for (const file of files) total.set(file.name, (total.get(file.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return new Map(
    files.map((file) => {
      const number = (seen.get(file.name) ?? 0) + 1;
      seen.set(file.name, number);
      return [file.key, (total.get(file.name) ?? 0) > 1 ? t('numbered', { name: file.name, number }) : file.name];
    }),
  );
}

/** Chooses photos (or PDFs) and shows each as a thumbnail with its upload state and a remove button. */
export function PhotoPicker({ label, hint, files, onAdd, onRemove, onRetry, error, id, accept = 'image/*,application/pdf', capture, disabled, size = 'medium' }: PhotoPickerProps) {
  const inputId = id ?? `photos-${label.replace(/\W+/g, '-').toLowerCase()}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const names = namesOf(files);
  return (
    <div className="ui-photos">
      <input
        id={inputId}
        className="ui-photos__input visually-hidden"
        type="file"
        multiple
        accept={accept}
        capture={capture}
        disabled={disabled}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          if (event.target.files?.length) onAdd(event.target.files);
          // The same file may be chosen again after removing it.
          event.target.value = '';
        }}
      />
      <label htmlFor={inputId} className={['ui-button ui-button--secondary ui-photos__button', size === 'large' && 'ui-button--large'].filter(Boolean).join(' ')}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M23 19a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h4l2-3h6l2 3h4a2 2 0 0 1 2 2z" />
          <circle cx="12" cy="13" r="4" />
        </svg>
        {label}
      </label>
      {hint && (
        <span id={hintId} className="ui-field__hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="ui-field__error">
          {error}
        </span>
      )}
      {files.length > 0 && (
        <ul className="ui-photos__list">
          {files.map((file) => {
            const name = names.get(file.key) ?? file.name;
            const retryable = file.status === 'error' && file.canRetry && onRetry;
            return (
              <li key={file.key} className={`ui-photos__item ui-photos__item--${file.status}`}>
                <div className="ui-photos__thumb">
                  {/* Named, so the preview is found as an image of that file (the list is read row by row). */}
                  {file.previewUrl ? <img src={file.previewUrl} alt={t('preview', { name })} /> : <span className="ui-photos__doc">{file.isPdf ? t('pdf') : t('file')}</span>}
                  {file.status === 'uploading' && (
                    <span className="ui-photos__busy" role="status">
                      <span className="ui-spinner" aria-hidden="true" />
                      <span className="visually-hidden">{t('uploading')}</span>
                    </span>
                  )}
                </div>
                <div className="ui-photos__meta">
                  <span className="ui-photos__name">{name}</span>
                  {file.error && <span className="ui-field__error">{retryable ? t('failedRetry', { name: file.name }) : file.error}</span>}
                </div>
                <div className="ui-photos__actions">
                  {retryable && (
                    <button type="button" className="ui-photos__action" onClick={() => onRetry(file.key)} disabled={disabled} aria-label={t('retryNamed', { name })}>
                      {t('retry')}
                    </button>
                  )}
                  <button type="button" className="ui-photos__action ui-photos__remove" onClick={() => onRemove(file.key)} disabled={disabled} aria-label={t('removeNamed', { name })}>
                    {t('remove')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
