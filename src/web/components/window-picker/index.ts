/** Choosing an arrival window: used by the request form and the job page (decision 010). */
export { WindowPicker, formatTimeRange, type PickableWindow } from './window-picker.js';
export { TakenWindowAlert } from './taken-window-alert.js';
export { TechnicianChoice } from './technician-choice.js';
export { slotTakenAlternatives } from './slot-taken.js';
export { hasLaterDates, useWindowRange, type WindowRange } from './window-range.js';
