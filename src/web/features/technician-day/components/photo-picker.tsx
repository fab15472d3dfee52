import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { defineMessages } from '../../../lib/i18n.js';
import { uploadPhoto } from '../api/upload-photo.js';

const t = defineMessages({
  en: {
    add: 'Add photos',
    addHint: 'Take a photo or pick from the gallery (at most {max}).',
    remove: 'Remove photo {number}',
    retry: 'Retry photo {number}',
    uploading: 'Uploading…',
    failed: 'Not uploaded',
    tooMany: 'At most {max} photos per visit.',
    photo: 'Photo {number}',
  },
});

export const MAX_PHOTOS = 10;

export interface PickedPhoto {
  key: number;
  file: File;
  preview: string;
  status: 'uploading' | 'done' | 'failed';
  error?: string;
}

/**
 * Completion photos: each uploads as soon as it is picked (the van's connection is used while the
 * technician writes the notes), with a preview and a remove button.
 */
export function usePhotoUploads() {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const nextKey = useRef(1);
  const latest = useRef(photos);
  latest.current = photos;
  // Outside state, so a submit can wait for uploads and read their ids before React re-renders.
  const uploads = useRef(new Map<number, Promise<string | undefined>>());

  useEffect(() => () => latest.current.forEach((photo) => URL.revokeObjectURL(photo.preview)), []);

  const patch = (key: number, change: Partial<PickedPhoto>) => setPhotos((current) => current.map((photo) => (photo.key === key ? { ...photo, ...change } : photo)));

  const start = (key: number, file: File) => {
    const upload = uploadPhoto(file).then(
      (attachment) => {
        patch(key, { status: 'done', error: undefined });
        return attachment.id;
      },
      (error: unknown) => {
        patch(key, { status: 'failed', error: error instanceof ApiError ? error.message : t('failed') });
        return undefined;
      },
    );
    uploads.current.set(key, upload);
  };

  const add = (files: readonly File[]) => {
    const room = MAX_PHOTOS - latest.current.length;
    const added = files.slice(0, Math.max(room, 0)).map((file) => ({ key: nextKey.current++, file, preview: URL.createObjectURL(file), status: 'uploading' as const }));
    added.forEach((photo) => start(photo.key, photo.file));
    setPhotos((current) => [...current, ...added]);
    return files.length > room;
  };

  const retry = (key: number) => {
    const photo = latest.current.find((p) => p.key === key);
    if (!photo) return;
    patch(key, { status: 'uploading', error: undefined });
    start(key, photo.file);
  };

  const remove = (key: number) => {
    uploads.current.delete(key);
    setPhotos((current) => {
      const photo = current.find((p) => p.key === key);
      if (photo) URL.revokeObjectURL(photo.preview);
      return current.filter((p) => p.key !== key);
    });
  };

  /** Waits for uploads still running; answers the ids of the photos that made it and whether any failed. */
  const finish = async () => {
    const results = await Promise.all(latest.current.map((photo) => uploads.current.get(photo.key)));
    return { attachmentIds: results.filter((id): id is string => !!id), failed: results.some((id) => !id) };
  };

  return { photos, add, retry, remove, finish };
}

export function PhotoPicker({ uploads, disabled }: { uploads: ReturnType<typeof usePhotoUploads>; disabled?: boolean }) {
  const [tooMany, setTooMany] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const full = uploads.photos.length >= MAX_PHOTOS;

  return (
    <div className="stack-sm">
      <label className={['ui-button ui-button--secondary ui-button--large tech-day__photo-add', (disabled || full) && 'tech-day__photo-add--disabled'].filter(Boolean).join(' ')}>
        <svg aria-hidden="true" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
          <circle cx="12" cy="13" r="3.5" />
        </svg>
        {t('add')}
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          disabled={disabled || full}
          aria-describedby="photo-hint"
          onChange={(event) => {
            setTooMany(uploads.add(Array.from(event.target.files ?? [])));
            // The same photo may be picked again after removing it.
            event.target.value = '';
          }}
        />
      </label>
      <p id="photo-hint" className="small muted">
        {tooMany ? t('tooMany', { max: MAX_PHOTOS }) : t('addHint', { max: MAX_PHOTOS })}
      </p>
      {uploads.photos.length > 0 && (
        <ul className="tech-day__photos">
          {uploads.photos.map((photo, index) => (
            <li key={photo.key} className={`tech-day__photo tech-day__photo--${photo.status}`}>
              <img src={photo.preview} alt={t('photo', { number: index + 1 })} />
              {photo.status === 'uploading' && (
                <span className="tech-day__photo-status" role="status">
                  <span className="ui-spinner" aria-hidden="true" /> {t('uploading')}
                </span>
              )}
              {photo.status === 'failed' && (
                <span className="tech-day__photo-status tech-day__photo-status--failed">
                  {photo.error}
                  <Button variant="secondary" size="small" onClick={() => uploads.retry(photo.key)} aria-label={t('retry', { number: index + 1 })}>
                    ↻
                  </Button>
                </span>
              )}
              <button type="button" className="tech-day__photo-remove" onClick={() => uploads.remove(photo.key)} disabled={disabled} aria-label={t('remove', { number: index + 1 })}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
