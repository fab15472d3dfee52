import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Field, TextArea } from '../../../components/ui/index.js';
import { useToast } from '../../../components/ui/index.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { useAddNote } from '../api/add-note.js';
import { useUploadFile } from '../api/upload-file.js';
import { t } from './messages.js';

/** A staff note: internal, or shared with the customer; photos are uploaded first and claimed by the note. */
export function AddNoteForm({ job }: { job: StaffJob }) {
  const toast = useToast();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'staff' | 'customer'>('staff');
  const [files, setFiles] = useState<File[]>([]);
  const [uploadingName, setUploadingName] = useState<string>();
  const [uploadError, setUploadError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const uploadFile = useUploadFile();
  const addNote = useAddNote(job.id);
  const errors = formErrors(addNote.error, ['text', 'attachmentIds']);
  const busy = addNote.isPending || uploadingName !== undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setUploadError(undefined);
    const attachmentIds: string[] = [];
    try {
      for (const file of files) {
        setUploadingName(file.name);
        attachmentIds.push((await uploadFile.mutateAsync(file)).id);
      }
    } catch (error) {
      setUploadError(error instanceof Error ? error.message : String(error));
      return;
    } finally {
      setUploadingName(undefined);
    }
    addNote.mutate(
      { text, visibility, attachmentIds },
      {
        onSuccess: () => {
          toast.show(t('noteAdded'));
          setText('');
          setFiles([]);
          if (fileInput.current) fileInput.current.value = '';
        },
      },
    );
  };

  return (
    <form className="stack job-detail__note-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-note-title">
      <h3 id="add-note-title" className="job-detail__subtitle">
        {t('addNote')}
      </h3>
      {(uploadError ?? errors.message) && <Alert>{uploadError ?? errors.message}</Alert>}
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
      <Field label={t('photos')} hint={t('photosHint')}>
        <input ref={fileInput} className="job-detail__file" type="file" multiple accept="image/*,application/pdf" onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 10))} />
      </Field>
      <div className="row">
        <Button type="submit" loading={busy} disabled={!text.trim() && files.length === 0}>
          {t('submitNote')}
        </Button>
        {uploadingName && (
          <span className="small muted" role="status">
            {t('uploading', { name: uploadingName })}
          </span>
        )}
      </div>
    </form>
  );
}
