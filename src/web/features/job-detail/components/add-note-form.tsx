import { useState, type FormEvent } from 'react';
import { Alert, Button, Field, PhotoPicker, TextArea, usePhotoUploads } from '../../../components/ui/index.js';
import { useToast } from '../../../components/ui/index.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { useAddNote } from '../api/add-note.js';
import { uploadFile } from '../api/upload-file.js';
import { t } from './messages.js';

/** A staff note: internal, or shared with the customer; files upload as they are picked and are claimed by the note. */
export function AddNoteForm({ job }: { job: StaffJob }) {
  const toast = useToast();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'staff' | 'customer'>('staff');
  const [waiting, setWaiting] = useState(false);
  const [filesProblem, setFilesProblem] = useState(false);
  const uploads = usePhotoUploads(uploadFile);
  const addNote = useAddNote(job.id);
  const errors = formErrors(addNote.error, ['text', 'attachmentIds']);
  const busy = addNote.isPending || waiting;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    // Uploads still running are waited for, so a dispatcher who clicks early does not have to click again.
    setWaiting(true);
    const result = await uploads.finish();
    setWaiting(false);
    setFilesProblem(result.failed);
    if (result.failed) return;
    addNote.mutate(
      { text, visibility, attachmentIds: result.attachmentIds },
      {
        onSuccess: () => {
          toast.show(t('noteAdded'));
          setText('');
          uploads.reset();
        },
      },
    );
  };

  return (
    <form className="stack job-detail__note-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-note-title">
      <h3 id="add-note-title" className="job-detail__subtitle">
        {t('addNote')}
      </h3>
      {errors.message && <Alert>{errors.message}</Alert>}
      <Field label={t('note')} error={fieldMessage(t('note'), errors.fields.text)}>
        <TextArea maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      <fieldset className="job-detail__radios">
        <legend className="ui-field__label">{t('visibility')}</legend>
        {(['staff', 'customer'] as const).map((value) => (
          <label key={value} className="ui-checkbox">
            <input type="radio" name="note-visibility" value={value} checked={visibility === value} onChange={() => setVisibility(value)} />
            <span>{t(value === 'staff' ? 'visibilityStaff' : 'visibilityCustomer')}</span>
          </label>
        ))}
      </fieldset>
      <PhotoPicker
        id="note-files"
        label={t('photos')}
        hint={t('photosHint')}
        disabled={busy}
        files={uploads.files}
        onAdd={(files) => {
          uploads.add(files);
          setFilesProblem(false);
        }}
        onRemove={uploads.remove}
        onRetry={uploads.retry}
        error={uploads.limitError ?? (filesProblem ? t('filesFailed') : fieldMessage(t('photos'), errors.fields.attachmentIds))}
      />
      <div className="row">
        <Button type="submit" loading={busy} disabled={!text.trim() && uploads.files.length === 0}>
          {t('submitNote')}
        </Button>
      </div>
    </form>
  );
}
