import { useState, type FormEvent } from 'react';
import { Alert, Button, Field, TextArea } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import type { useVisitStep } from '../hooks/use-visit-step.js';
import { PhotoPicker, usePhotoUploads } from './photo-picker.js';

const t = defineMessages({
  en: {
    title: 'Complete the visit',
    notes: 'Notes',
    notesHint: 'What you found and what you did. The customer sees these notes and photos in their service history.',
    photos: 'Photos',
    failedPhotos: 'Some photos did not upload. Retry or remove them before completing.',
    submit: 'Complete visit',
    cancel: 'Cancel',
  },
});

/** Completing closes the job with the technician's notes and photos, uploaded first. */
export function CompleteForm({ steps, onClose }: { steps: ReturnType<typeof useVisitStep>; onClose(): void }) {
  const [notes, setNotes] = useState('');
  const [waiting, setWaiting] = useState(false);
  const [photoProblem, setPhotoProblem] = useState(false);
  const uploads = usePhotoUploads();
  const errors = formErrors(steps.error, ['notes', 'attachmentIds']);
  const busy = waiting || steps.pending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
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
        <PhotoPicker uploads={uploads} disabled={busy} />
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
