import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api-client.js';
import { defineMessages } from '../../lib/i18n.js';
import './photo-picker.css';

const t = defineMessages({
  en: {
    tooLarge: '{name} is too large: photos and documents can be up to {size} MB.',
    wrongType: '{name} is not a photo or a PDF document.',
    failed: '{name} could not be uploaded. Remove it and try again.',
    tooMany: 'You can attach up to {max} files.',
    uploading: 'Uploading…',
    remove: 'Remove',
    removeNamed: 'Remove {name}',
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
}

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPTED = /^(image\/(jpeg|png|webp|gif|heic|heif)|application\/pdf)$/;
const PREVIEWABLE = /^image\/(jpeg|png|webp|gif)$/;

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

  useEffect(() => {
    const created = urls.current;
    return () => created.forEach((url) => URL.revokeObjectURL(url));
  }, []);

  const update = (key: string, patch: Partial<PickedFile>) => setFiles((current) => current.map((f) => (f.key === key ? { ...f, ...patch } : f)));

  const add = useCallback(
    (chosen: FileList | File[]) => {
      const list = Array.from(chosen);
      const room = Math.max(0, max - files.length);
      setLimitError(list.length > room ? t('tooMany', { max }) : undefined);
      const added: PickedFile[] = [];
      for (const file of list.slice(0, room)) {
        const key = `f${++counter.current}`;
        const previewUrl = PREVIEWABLE.test(file.type) ? URL.createObjectURL(file) : null;
        if (previewUrl) urls.current.add(previewUrl);
        const problem = file.size > MAX_BYTES ? t('tooLarge', { name: file.name, size: MAX_BYTES / 1024 / 1024 }) : file.type && !ACCEPTED.test(file.type) ? t('wrongType', { name: file.name }) : undefined;
        added.push({ key, name: file.name, previewUrl, isPdf: file.type === 'application/pdf', status: problem ? 'error' : 'uploading', ...(problem ? { error: problem } : {}) });
        if (problem) continue;
        uploadOne(file).then(
          (attachment) => update(key, { status: 'done', attachmentId: attachment.id }),
          (error: unknown) => {
            const status = error instanceof ApiError ? error.status : 0;
            const message = status === 413 ? t('tooLarge', { name: file.name, size: MAX_BYTES / 1024 / 1024 }) : status === 415 ? t('wrongType', { name: file.name }) : t('failed', { name: file.name });
            update(key, { status: 'error', error: message });
          },
        );
      }
      setFiles((current) => [...current, ...added]);
    },
    [files.length, max, uploadOne],
  );

  const remove = useCallback((key: string) => {
    setLimitError(undefined);
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
    setFiles([]);
    setLimitError(undefined);
  }, []);

  return {
    files,
    add,
    remove,
    reset,
    limitError,
    uploading: files.some((f) => f.status === 'uploading'),
    failed: files.some((f) => f.status === 'error'),
    attachmentIds: files.flatMap((f) => (f.status === 'done' && f.attachmentId ? [f.attachmentId] : [])),
  };
}

interface PhotoPickerProps {
  /** The visible text of the choose button, which is also the file input's label. */
  label: string;
  hint?: string;
  files: PickedFile[];
  onAdd(files: FileList): void;
  onRemove(key: string): void;
  /** A problem with the set as a whole (too many files, a server error naming the field). */
  error?: string | undefined;
  id?: string;
}

/** Chooses photos (or PDFs) and shows each as a thumbnail with its upload state and a remove button. */
export function PhotoPicker({ label, hint, files, onAdd, onRemove, error, id }: PhotoPickerProps) {
  const inputId = id ?? `photos-${label.replace(/\W+/g, '-').toLowerCase()}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className="ui-photos">
      <input
        id={inputId}
        className="ui-photos__input visually-hidden"
        type="file"
        multiple
        accept="image/*,application/pdf"
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          if (event.target.files?.length) onAdd(event.target.files);
          // The same file may be chosen again after removing it.
          event.target.value = '';
        }}
      />
      <label htmlFor={inputId} className="ui-button ui-button--secondary ui-photos__button">
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
          {files.map((file) => (
            <li key={file.key} className={`ui-photos__item ui-photos__item--${file.status}`}>
              <div className="ui-photos__thumb">
                {file.previewUrl ? <img src={file.previewUrl} alt="" /> : <span className="ui-photos__doc">{file.isPdf ? t('pdf') : t('file')}</span>}
                {file.status === 'uploading' && (
                  <span className="ui-photos__busy" role="status">
                    <span className="ui-spinner" aria-hidden="true" />
                    <span className="visually-hidden">{t('uploading')}</span>
                  </span>
                )}
              </div>
              <div className="ui-photos__meta">
                <span className="ui-photos__name">{file.name}</span>
                {file.error && <span className="ui-field__error">{file.error}</span>}
              </div>
              <button type="button" className="ui-photos__remove" onClick={() => onRemove(file.key)} aria-label={t('removeNamed', { name: file.name })}>
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
