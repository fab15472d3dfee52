/** Arrivo's design system: the only components features build their screens from. */
import './ui.css';

export { Avatar } from './avatar.js';
export { Badge, type Tone } from './badge.js';
export { Button, ButtonLink, type ButtonProps } from './button.js';
export { Card, CardHeader } from './card.js';
export { Dialog } from './dialog.js';
export { Alert, EmptyState, PageHeader, Skeleton, Spinner } from './feedback.js';
export { Checkbox, Field, Select, TextArea, TextInput } from './field.js';
export { Timeline, type TimelineItem } from './timeline.js';
export { ToastProvider, useToast } from './toast.js';
export { PhotoPicker, usePhotoUploads, type PickedFile } from './photo-picker.js';
export { ComboBox, type ComboBoxOption } from './combo-box.js';
