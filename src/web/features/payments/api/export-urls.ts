import { queryString } from '../../../lib/api-client.js';

/** CSV downloads: plain links, so the browser saves the file with the name the server gives. */
export const invoicesCsvUrl = (range: { from?: string; to?: string }) => `/api/payments/export/invoices.csv${queryString(range)}`;
export const paymentsCsvUrl = (range: { from?: string; to?: string }) => `/api/payments/export/payments.csv${queryString(range)}`;
export const staffReceiptUrl = (paymentId: string) => `/api/payments/${paymentId}/receipt.pdf`;
