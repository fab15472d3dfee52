import { useState, type FormEvent } from 'react';
import { Alert, Button, Field, PhotoPicker, TextArea, usePhotoUploads } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { uploadPhoto } from '../api/upload-photo.js';
import type { useVisitStep } from '../hooks/use-visit-step.js';

const MAX_PHOTOS = 10;

const t = defineMessages({
  en: {
    title: 'Complete the visit',
    notes: 'Notes',
    notesHint: 'What you found and what you did. The customer sees these notes and photos in their service history.',
    photos: 'Photos',
    addPhotos: 'Add photos',
    addPhotosHint: 'Take a photo or pick from the gallery (at most {max}).',
    failedPhotos: 'Some photos did not upload. Try them again or remove them before completing.',
    submit: 'Complete visit',
    cancel: 'Cancel',
  },
});

/** Completing closes the job with the technician's notes and photos, uploaded first. */
export function CompleteForm({ steps, onClose }: { steps: ReturnType<typeof useVisitStep>; onClose(): void }) {
  const [notes, setNotes] = useState('');
  const [waiting, setWaiting] = useState(false);
  const [photoProblem, setPhotoProblem] = useState(false);
  // Photos upload as soon as they are picked, using the van's connection while the notes are written.
  const uploads = usePhotoUploads(uploadPhoto, { max: MAX_PHOTOS });
  const errors = formErrors(steps.error, ['notes', 'attachmentIds']);
  const busy = waiting || steps.pending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // Waits for photos still uploading rather than refusing: the technician should not have to tap twice.
    setWaiting(true);
    const photos = await uploads.finish();
    setWaiting(false);
    setPhotoProblem(photos.failed);
    if (photos.failed) return;
    steps.run({ step: 'complete', notes: notes.trim(), attachmentIds: photos.attachmentIds }, onClose);
  };

  return (
    <form className="stack tech-day__form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="complete-title">
      <h2 id="complete-title">{t('title')}</h2>
      {errors.message && steps.error && <Alert>{errors.message}</Alert>}
      <Field label={t('notes')} hint={t('notesHint')} error={fieldMessage(t('notes'), errors.fields.notes)}>
        <TextArea rows={5} maxLength={5000} autoFocus value={notes} onChange={(event) => setNotes(event.target.value)} />
      </Field>
      <fieldset className="tech-day__fieldset">
        <legend className="ui-field__label">{t('photos')}</legend>
        <PhotoPicker
          id="complete-photos"
          label={t('addPhotos')}
          hint={t('addPhotosHint', { max: MAX_PHOTOS })}
          accept="image/*"
          capture="environment"
          size="large"
          disabled={busy}
          files={uploads.files}
          onAdd={(files) => {
            uploads.add(files);
            setPhotoProblem(false);
          }}
          onRemove={uploads.remove}
          onRetry={uploads.retry}
          error={uploads.limitError}
        />
        {(photoProblem || errors.fields.attachmentIds) && <Alert>{errors.fields.attachmentIds ? fieldMessage(t('photos'), errors.fields.attachmentIds) : t('failedPhotos')}</Alert>}
      </fieldset>
      <div className="tech-day__steps tech-day__steps--pair">
        <Button variant="secondary" size="large" onClick={onClose} disabled={busy}>
          {t('cancel')}
        </Button>
        <Button type="submit" size="large" loading={busy}>
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}
