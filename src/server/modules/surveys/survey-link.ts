/**
 * The survey's address in a notification: the portal's survey link page, with the recipient's job
 * link token in the fragment. Browsers never send a fragment to a server (nor in a Referer), and
 * the page trades it for the job's cookie by POST, as /j/<token> does (decision 003), then opens
 * /portal/jobs/<jobId>/survey — so a customer who is not signed in lands on the survey itself.
 * The job's id is left out of the address to keep the text message short.
 */
export const surveyUrl = (publicUrl: string, jobLinkToken: string) => `${publicUrl}/portal/survey#link=${encodeURIComponent(jobLinkToken)}`;
