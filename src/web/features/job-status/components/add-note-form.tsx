import { useCallback, useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardHeader, Field, PhotoPicker, TextArea, usePhotoUploads, useToast } from '../../../components/ui/index.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { uploadJobFile, useAddNote } from '../api/add-note.js';

const t = defineMessages({
  en: {
    title: 'Add a note or photo',
    intro: 'Anything our team should know: what you noticed, how to get in, a photo of the problem. Everyone working on your job sees it.',
    note: 'Your note',
    photos: 'Add photos',
    photosHint: 'Photos or PDF documents, up to 10 MB each.',
    submit: 'Send to the team',
    empty: 'Write a note or add a photo first.',
    waitUploads: 'Wait until your photos have finished uploading.',
    removeFailed: 'Remove the files that could not be uploaded, then send again.',
    sent: 'Thank you, your note was sent to the team.',
  },
});

/** A note and photos for the team, on a job that is still open. */
export function AddNoteForm({ jobId }: { jobId: string }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const uploadOne = useCallback((file: File) => uploadJobFile(jobId, file), [jobId]);
  const uploads = usePhotoUploads(uploadOne);
  const addNote = useAddNote(jobId);
  const toast = useToast();
  const server = formErrors(addNote.error, ['text', 'attachmentIds']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (uploads.uploading) return setProblem(t('waitUploads'));
    if (uploads.failed) return setProblem(t('removeFailed'));
    if (!text.trim() && uploads.attachmentIds.length === 0) return setProblem(t('empty'));
    setProblem(undefined);
    addNote.mutate(
      { text: text.trim(), attachmentIds: uploads.attachmentIds },
      {
        onSuccess: () => {
          setText('');
          uploads.reset();
          toast.show(t('sent'));
        },
      },
    );
  };

  return (
    <Card as="section" aria-labelledby="job-status-note-title">
      <CardHeader title={<span id="job-status-note-title">{t('title')}</span>} />
      <form className="stack" onSubmit={submit} noValidate>
        <p className="muted">{t('intro')}</p>
        {server.message && <Alert>{server.message}</Alert>}
        <Field label={t('note')} error={problem === t('empty') ? problem : fieldMessage(t('note'), server.fields.text)}>
          <TextArea
            value={text}
            maxLength={5000}
            rows={4}
            onChange={(e) => {
              setText(e.target.value);
              if (problem === t('empty')) setProblem(undefined);
            }}
          />
        </Field>
        <PhotoPicker
          label={t('photos')}
          hint={t('photosHint')}
          files={uploads.files}
          onAdd={(files) => {
            uploads.add(files);
            setProblem(undefined);
          }}
          onRemove={uploads.remove}
          error={uploads.limitError ?? (problem && problem !== t('empty') ? problem : undefined) ?? fieldMessage(t('photos'), server.fields.attachmentIds)}
        />
        <div>
          <Button type="submit" loading={addNote.isPending}>
            {t('submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
