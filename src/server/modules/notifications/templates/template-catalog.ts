/**
 * Every message Arrivo sends, and its default wording in each language. A company may override the
 * subject, body and SMS text of any template per language (notification-templates.service.ts).
 *
 * Templates use Mustache: `{{variable}}` only — values are escaped for HTML in e-mails, and
 * sections/partials/raw output are refused in company templates (see template-renderer.ts).
 */
export const LOCALES = ['en', 'es', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Messages to the customer's contacts on a job. */
export const CUSTOMER_TEMPLATES = [
  'job_created',
  'appointment_scheduled',
  'appointment_reminder',
  'technician_on_the_way',
  'running_late',
  'job_paused',
  'appointment_rescheduled',
  'job_cancelled',
  'job_completed',
  'staff_message',
  'estimate_shared',
  'invoice_shared',
  'payment_reminder',
  'payment_receipt',
  'payment_failed',
] as const;

/** Messages to the company's staff. */
export const STAFF_TEMPLATES = [
  'request_submitted',
  'customer_note',
  'customer_message',
  'customer_rescheduled',
  'customer_cancelled',
  'survey_low_rating',
  'estimate_approved',
  'estimate_declined',
  'invoice_paid',
] as const;

export type CustomerTemplateKey = (typeof CUSTOMER_TEMPLATES)[number];
export type StaffTemplateKey = (typeof STAFF_TEMPLATES)[number];
export type TemplateKey = CustomerTemplateKey | StaffTemplateKey;
export const TEMPLATE_KEYS: readonly TemplateKey[] = [...CUSTOMER_TEMPLATES, ...STAFF_TEMPLATES];

/** The wording of one template in one language. */
export interface TemplateText {
  subject: string;
  /** Plain text with `{{variables}}`; paragraphs separated by a blank line. */
  body: string;
  /** The SMS, kept short (one or two segments). Empty for templates never sent by SMS. */
  sms: string;
  /** The label of the e-mail's button to the job (e.g. "Check status"); null for none. */
  action: string | null;
}

/**
 * The variables a template may use. Every message also gets: companyName, companyPhone,
 * recipientName, reference, category, address, link (the job link or console link).
 */
export const COMMON_VARIABLES = ['companyName', 'companyPhone', 'recipientName', 'reference', 'category', 'address', 'link'] as const;

/**
 * The variables each template may use beyond COMMON_VARIABLES. Every value is a string the caller
 * has already formatted for the recipient's language and the company's time zone:
 * - window: the appointment window ("Wed 14 Jan, 8:00–10:00 AM"); eta: "10:25 AM (in 12 min)"
 * - message: the technician's pause message; reason: why the job was cancelled; notes: completion notes
 * - surveyLink: the satisfaction survey; documentNumber, amount, dueDate: estimates and invoices
 * - customerName, noteText: staff templates (noteText is what the customer wrote: note, message or survey comment)
 * - message (staff_message): what the company wrote to the customer; rating: the survey's stars, 1–5
 */
export const TEMPLATE_VARIABLES: Record<TemplateKey, readonly string[]> = {
  job_created: [],
  appointment_scheduled: ['window', 'technicianName'],
  appointment_reminder: ['window', 'technicianName'],
  technician_on_the_way: ['technicianName', 'eta'],
  running_late: ['technicianName', 'eta', 'window'],
  job_paused: ['technicianName', 'message'],
  appointment_rescheduled: ['window', 'technicianName'],
  job_cancelled: ['reason'],
  job_completed: ['technicianName', 'notes', 'surveyLink'],
  staff_message: ['message'],
  estimate_shared: ['documentNumber', 'amount'],
  invoice_shared: ['documentNumber', 'amount', 'dueDate'],
  payment_reminder: ['documentNumber', 'amount', 'dueDate'],
  payment_receipt: ['documentNumber', 'amount', 'receiptNumber'],
  payment_failed: ['documentNumber', 'amount', 'reason'],
  request_submitted: ['customerName'],
  customer_note: ['customerName', 'noteText'],
  customer_message: ['customerName', 'noteText'],
  customer_rescheduled: ['customerName', 'window', 'reason'],
  customer_cancelled: ['customerName', 'reason'],
  survey_low_rating: ['customerName', 'rating', 'noteText'],
  estimate_approved: ['customerName', 'documentNumber', 'amount'],
  estimate_declined: ['customerName', 'documentNumber', 'amount', 'reason'],
  invoice_paid: ['customerName', 'documentNumber', 'amount'],
};

export const isTemplateKey = (value: string): value is TemplateKey => (TEMPLATE_KEYS as readonly string[]).includes(value);
export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);
export const audienceOf = (key: TemplateKey): 'customer' | 'staff' => ((STAFF_TEMPLATES as readonly string[]).includes(key) ? 'staff' : 'customer');

/** Every variable a template may use: the common ones, then its own. */
export const variablesOf = (key: TemplateKey): string[] => [...COMMON_VARIABLES, ...TEMPLATE_VARIABLES[key]];

/*
 * The defaults. Values that may be empty (notes, reason, the technician's message) stand alone in
 * their own paragraph, because the renderer drops empty paragraphs and templates have no sections.
 * SMS texts use straight quotes and stay near one or two segments.
 */
const DEFAULTS: Record<TemplateKey, Record<Locale, TemplateText>> = {
  job_created: {
    en: {
      subject: 'We’ve received your request {{reference}}',
      body: 'Hi {{recipientName}},\n\nThanks for contacting {{companyName}}. We’ve received your {{category}} request for {{address}}. Its reference is {{reference}}.\n\nWe’ll be in touch shortly to book a visit. You can follow your request at any time from the link below.',
      sms: "{{companyName}}: we've received your {{category}} request ({{reference}}). We'll be in touch soon to book a visit. Follow it here: {{link}}",
      action: 'View your request',
    },
    es: {
      subject: 'Hemos recibido su solicitud {{reference}}',
      body: 'Hola, {{recipientName}}:\n\nGracias por contactar con {{companyName}}. Hemos recibido su solicitud ({{category}}) para {{address}}. Su referencia es {{reference}}.\n\nNos pondremos en contacto con usted en breve para programar la visita. Puede seguir su solicitud en cualquier momento desde el enlace de abajo.',
      sms: '{{companyName}}: hemos recibido su solicitud ({{category}}, {{reference}}). Le llamaremos pronto para programar la visita. Sígala aquí: {{link}}',
      action: 'Ver su solicitud',
    },
    fr: {
      subject: 'Nous avons bien reçu votre demande {{reference}}',
      body: 'Bonjour {{recipientName}},\n\nMerci d’avoir contacté {{companyName}}. Nous avons bien reçu votre demande ({{category}}) pour l’adresse {{address}}. Sa référence est {{reference}}.\n\nNous vous recontacterons très vite pour convenir d’un rendez-vous. Vous pouvez suivre votre demande à tout moment grâce au lien ci-dessous.',
      sms: "{{companyName}} : nous avons bien reçu votre demande ({{category}}, {{reference}}). Nous vous recontactons vite pour fixer un rendez-vous. Suivi : {{link}}",
      action: 'Voir votre demande',
    },
  },
  appointment_scheduled: {
    en: {
      subject: 'Your visit is booked: {{window}}',
      body: 'Hi {{recipientName}},\n\nGood news: your {{category}} visit ({{reference}}) is booked for {{window}} at {{address}}.\n\nNeed to change something? Call us at {{companyPhone}}.',
      sms: '{{companyName}}: your {{category}} visit is booked for {{window}}. Questions? Call {{companyPhone}}. Details: {{link}}',
      action: 'Check status',
    },
    es: {
      subject: 'Su visita está programada: {{window}}',
      body: 'Hola, {{recipientName}}:\n\nBuenas noticias: su visita ({{category}}, {{reference}}) está programada para el {{window}} en {{address}}.\n\n¿Necesita cambiar algo? Llámenos al {{companyPhone}}.',
      sms: '{{companyName}}: su visita ({{category}}) está programada para el {{window}}. ¿Preguntas? Llame al {{companyPhone}}. Detalles: {{link}}',
      action: 'Consultar el estado',
    },
    fr: {
      subject: 'Votre rendez-vous est fixé : {{window}}',
      body: 'Bonjour {{recipientName}},\n\nBonne nouvelle : votre intervention ({{category}}, {{reference}}) est prévue le {{window}} à l’adresse {{address}}.\n\nBesoin de changer quelque chose ? Appelez-nous au {{companyPhone}}.',
      sms: '{{companyName}} : votre intervention ({{category}}) est prévue le {{window}}. Une question ? Appelez le {{companyPhone}}. Détails : {{link}}',
      action: 'Voir le suivi',
    },
  },
  appointment_reminder: {
    en: {
      subject: 'Reminder: we’ll see you tomorrow, {{window}}',
      body: 'Hi {{recipientName}},\n\nA quick reminder that your {{category}} visit ({{reference}}) is tomorrow, {{window}}, at {{address}}.\n\nPlease make sure someone can let our technician in. If the time no longer suits you, call us at {{companyPhone}}.',
      sms: '{{companyName}}: reminder, your {{category}} visit is tomorrow, {{window}}. Need to change it? Call {{companyPhone}}. {{link}}',
      action: 'Check status',
    },
    es: {
      subject: 'Recordatorio: le visitamos mañana, {{window}}',
      body: 'Hola, {{recipientName}}:\n\nLe recordamos que su visita ({{category}}, {{reference}}) es mañana, {{window}}, en {{address}}.\n\nAsegúrese de que alguien pueda abrir a nuestro técnico. Si el horario ya no le conviene, llámenos al {{companyPhone}}.',
      sms: '{{companyName}}: le recordamos que su visita ({{category}}) es mañana, {{window}}. ¿Necesita cambiarla? Llame al {{companyPhone}}. {{link}}',
      action: 'Consultar el estado',
    },
    fr: {
      subject: 'Rappel : nous venons demain, {{window}}',
      body: 'Bonjour {{recipientName}},\n\nPetit rappel : votre intervention ({{category}}, {{reference}}) a lieu demain, {{window}}, à l’adresse {{address}}.\n\nMerci de vous assurer que quelqu’un pourra ouvrir à notre technicien. Si l’horaire ne vous convient plus, appelez-nous au {{companyPhone}}.',
      sms: "{{companyName}} : rappel, votre intervention ({{category}}) a lieu demain, {{window}}. Un changement ? Appelez le {{companyPhone}}. {{link}}",
      action: 'Voir le suivi',
    },
  },
  technician_on_the_way: {
    en: {
      subject: '{{technicianName}} is on the way',
      body: 'Hi {{recipientName}},\n\n{{technicianName}} from {{companyName}} is on the way to {{address}} for your {{category}} visit ({{reference}}) and should arrive around {{eta}}.\n\nYou can follow the arrival live from the link below.',
      sms: '{{companyName}}: {{technicianName}} is on the way and should arrive around {{eta}}. Track live: {{link}}',
      action: 'Track your technician',
    },
    es: {
      subject: '{{technicianName}} va de camino',
      body: 'Hola, {{recipientName}}:\n\n{{technicianName}}, de {{companyName}}, va de camino a {{address}} para su visita ({{category}}, {{reference}}) y debería llegar hacia las {{eta}}.\n\nPuede seguir su llegada en directo desde el enlace de abajo.',
      sms: '{{companyName}}: {{technicianName}} va de camino y debería llegar hacia las {{eta}}. Sígalo en directo: {{link}}',
      action: 'Seguir al técnico',
    },
    fr: {
      subject: '{{technicianName}} est en route',
      body: 'Bonjour {{recipientName}},\n\n{{technicianName}} ({{companyName}}) est en route vers {{address}} pour votre intervention ({{category}}, {{reference}}) et devrait arriver vers {{eta}}.\n\nVous pouvez suivre son arrivée en direct grâce au lien ci-dessous.',
      sms: '{{companyName}} : {{technicianName}} est en route et devrait arriver vers {{eta}}. Suivi en direct : {{link}}',
      action: 'Suivre le technicien',
    },
  },
  running_late: {
    en: {
      subject: '{{technicianName}} is running a little late',
      body: 'Hi {{recipientName}},\n\nSorry, {{technicianName}} is running a little late for your {{category}} visit ({{reference}}). The new estimated arrival is {{eta}}.\n\nThank you for your patience. If this no longer works for you, call us at {{companyPhone}}.',
      sms: '{{companyName}}: sorry, {{technicianName}} is running a little late. New arrival estimate: {{eta}}. Track live: {{link}}',
      action: 'Track your technician',
    },
    es: {
      subject: '{{technicianName}} llegará un poco tarde',
      body: 'Hola, {{recipientName}}:\n\nLo sentimos: {{technicianName}} llegará un poco tarde a su visita ({{category}}, {{reference}}). La nueva hora estimada de llegada es {{eta}}.\n\nGracias por su paciencia. Si ya no le viene bien, llámenos al {{companyPhone}}.',
      sms: '{{companyName}}: lo sentimos, {{technicianName}} llegará un poco tarde. Nueva hora estimada: {{eta}}. Sígalo en directo: {{link}}',
      action: 'Seguir al técnico',
    },
    fr: {
      subject: '{{technicianName}} aura un peu de retard',
      body: 'Bonjour {{recipientName}},\n\nNous sommes désolés : {{technicianName}} aura un peu de retard pour votre intervention ({{category}}, {{reference}}). Nouvelle heure d’arrivée estimée : {{eta}}.\n\nMerci de votre patience. Si cela ne vous convient plus, appelez-nous au {{companyPhone}}.',
      sms: '{{companyName}} : désolés, {{technicianName}} aura un peu de retard. Nouvelle arrivée estimée : {{eta}}. Suivi en direct : {{link}}',
      action: 'Suivre le technicien',
    },
  },
  job_paused: {
    en: {
      subject: 'An update on your job {{reference}}',
      body: 'Hi {{recipientName}},\n\n{{technicianName}} has paused work on your {{category}} job ({{reference}}) and left you this message:\n\n{{message}}\n\nWe’ll be in touch about the next visit. Questions? Call us at {{companyPhone}}.',
      sms: "{{companyName}}: work on your job {{reference}} is paused. Read {{technicianName}}'s message here: {{link}}",
      action: 'See the details',
    },
    es: {
      subject: 'Novedades sobre su trabajo {{reference}}',
      body: 'Hola, {{recipientName}}:\n\n{{technicianName}} ha pausado su trabajo ({{category}}, {{reference}}) y le ha dejado este mensaje:\n\n{{message}}\n\nNos pondremos en contacto con usted para la próxima visita. ¿Preguntas? Llámenos al {{companyPhone}}.',
      sms: '{{companyName}}: su trabajo {{reference}} está en pausa. Lea el mensaje de {{technicianName}} aquí: {{link}}',
      action: 'Ver los detalles',
    },
    fr: {
      subject: 'Du nouveau sur votre intervention {{reference}}',
      body: 'Bonjour {{recipientName}},\n\n{{technicianName}} a mis en pause votre intervention ({{category}}, {{reference}}) et vous a laissé ce message :\n\n{{message}}\n\nNous revenons vers vous pour la prochaine visite. Une question ? Appelez-nous au {{companyPhone}}.',
      sms: '{{companyName}} : votre intervention {{reference}} est en pause. {{technicianName}} vous a laissé un message : {{link}}',
      action: 'Voir les détails',
    },
  },
  appointment_rescheduled: {
    en: {
      subject: 'Your visit has moved to {{window}}',
      body: 'Hi {{recipientName}},\n\nYour {{category}} visit ({{reference}}) has been rescheduled. The new time is {{window}} at {{address}}.\n\nIf this doesn’t suit you, call us at {{companyPhone}} and we’ll find another time.',
      sms: "{{companyName}}: your {{category}} visit has moved to {{window}}. Doesn't suit you? Call {{companyPhone}}. {{link}}",
      action: 'Check status',
    },
    es: {
      subject: 'Su visita ha cambiado al {{window}}',
      body: 'Hola, {{recipientName}}:\n\nHemos cambiado la fecha de su visita ({{category}}, {{reference}}). El nuevo horario es el {{window}} en {{address}}.\n\nSi no le conviene, llámenos al {{companyPhone}} y buscaremos otro momento.',
      sms: '{{companyName}}: su visita ({{category}}) ha cambiado al {{window}}. ¿No le conviene? Llame al {{companyPhone}}. {{link}}',
      action: 'Consultar el estado',
    },
    fr: {
      subject: 'Votre rendez-vous est déplacé au {{window}}',
      body: 'Bonjour {{recipientName}},\n\nVotre intervention ({{category}}, {{reference}}) a été reprogrammée. Nouveau créneau : le {{window}} à l’adresse {{address}}.\n\nSi cela ne vous convient pas, appelez-nous au {{companyPhone}} et nous trouverons un autre moment.',
      sms: '{{companyName}} : votre intervention ({{category}}) est déplacée au {{window}}. Ça ne vous convient pas ? Appelez le {{companyPhone}}. {{link}}',
      action: 'Voir le suivi',
    },
  },
  job_cancelled: {
    en: {
      subject: 'Your job {{reference}} has been cancelled',
      body: 'Hi {{recipientName}},\n\nYour {{category}} job ({{reference}}) at {{address}} has been cancelled.\n\n{{reason}}\n\nIf this is a mistake or you still need help, call us at {{companyPhone}}.',
      sms: '{{companyName}}: your {{category}} job {{reference}} has been cancelled. {{reason}} Details: {{link}}',
      action: 'View the job',
    },
    es: {
      subject: 'Su trabajo {{reference}} se ha cancelado',
      body: 'Hola, {{recipientName}}:\n\nSu trabajo ({{category}}, {{reference}}) en {{address}} se ha cancelado.\n\n{{reason}}\n\nSi es un error o todavía necesita ayuda, llámenos al {{companyPhone}}.',
      sms: '{{companyName}}: su trabajo ({{category}}, {{reference}}) se ha cancelado. {{reason}} Detalles: {{link}}',
      action: 'Ver el trabajo',
    },
    fr: {
      subject: 'Votre intervention {{reference}} est annulée',
      body: 'Bonjour {{recipientName}},\n\nVotre intervention ({{category}}, {{reference}}) à l’adresse {{address}} a été annulée.\n\n{{reason}}\n\nS’il s’agit d’une erreur ou si vous avez encore besoin d’aide, appelez-nous au {{companyPhone}}.',
      sms: '{{companyName}} : votre intervention ({{category}}, {{reference}}) est annulée. {{reason}} Détails : {{link}}',
      action: 'Voir l’intervention',
    },
  },
  job_completed: {
    en: {
      subject: 'Your job {{reference}} is done',
      body: 'Hi {{recipientName}},\n\n{{technicianName}} has finished your {{category}} job ({{reference}}) at {{address}}.\n\n{{notes}}\n\nHow did we do? Tell us in one minute: {{surveyLink}}\n\nThank you for choosing {{companyName}}.',
      sms: '{{companyName}}: your job {{reference}} is done. Summary: {{link}} How did we do? {{surveyLink}}',
      action: 'View the job summary',
    },
    es: {
      subject: 'Su trabajo {{reference}} está terminado',
      body: 'Hola, {{recipientName}}:\n\n{{technicianName}} ha terminado su trabajo ({{category}}, {{reference}}) en {{address}}.\n\n{{notes}}\n\n¿Qué tal lo hicimos? Cuéntenoslo en un minuto: {{surveyLink}}\n\nGracias por confiar en {{companyName}}.',
      sms: '{{companyName}}: su trabajo {{reference}} está terminado. Resumen: {{link}} ¿Qué tal lo hicimos? {{surveyLink}}',
      action: 'Ver el resumen',
    },
    fr: {
      subject: 'Votre intervention {{reference}} est terminée',
      body: 'Bonjour {{recipientName}},\n\n{{technicianName}} a terminé votre intervention ({{category}}, {{reference}}) à l’adresse {{address}}.\n\n{{notes}}\n\nComment cela s’est-il passé ? Donnez-nous votre avis en une minute : {{surveyLink}}\n\nMerci d’avoir choisi {{companyName}}.',
      sms: '{{companyName}} : votre intervention {{reference}} est terminée. Compte rendu : {{link}} Votre avis : {{surveyLink}}',
      action: 'Voir le compte rendu',
    },
  },
  staff_message: {
    en: {
      subject: 'New message from {{companyName}} about {{reference}}',
      body: 'Hi {{recipientName}},\n\n{{companyName}} sent you a message about your {{category}} job ({{reference}}):\n\n{{message}}\n\nYou can read the conversation and reply from the link below.',
      sms: '{{companyName}} sent you a message about your {{category}} job ({{reference}}). Read and reply: {{link}}',
      action: 'Read and reply',
    },
    es: {
      subject: 'Nuevo mensaje de {{companyName}} sobre {{reference}}',
      body: 'Hola, {{recipientName}}:\n\n{{companyName}} le ha enviado un mensaje sobre su trabajo ({{category}}, {{reference}}):\n\n{{message}}\n\nPuede leer la conversación y responder desde el enlace de abajo.',
      sms: '{{companyName}} le ha enviado un mensaje sobre su trabajo ({{category}}, {{reference}}). Léalo y responda aquí: {{link}}',
      action: 'Leer y responder',
    },
    fr: {
      subject: 'Nouveau message de {{companyName}} au sujet de {{reference}}',
      body: 'Bonjour {{recipientName}},\n\n{{companyName}} vous a envoyé un message au sujet de votre intervention ({{category}}, {{reference}}) :\n\n{{message}}\n\nVous pouvez lire la conversation et répondre grâce au lien ci-dessous.',
      sms: '{{companyName}} vous a écrit au sujet de votre intervention ({{category}}, {{reference}}). Lire et répondre : {{link}}',
      action: 'Lire et répondre',
    },
  },
  estimate_shared: {
    en: {
      subject: 'Your estimate {{documentNumber}} from {{companyName}}',
      body: 'Hi {{recipientName}},\n\nHere is your estimate {{documentNumber}} for your {{category}} job ({{reference}}), for a total of {{amount}}.\n\nYou can review and approve it online whenever you’re ready.',
      sms: '{{companyName}}: your estimate {{documentNumber}} ({{amount}}) is ready. Review and approve it here: {{link}}',
      action: 'Review the estimate',
    },
    es: {
      subject: 'Su presupuesto {{documentNumber}} de {{companyName}}',
      body: 'Hola, {{recipientName}}:\n\nLe enviamos el presupuesto {{documentNumber}} de su trabajo ({{category}}, {{reference}}), por un total de {{amount}}.\n\nPuede revisarlo y aprobarlo en línea cuando quiera.',
      sms: '{{companyName}}: su presupuesto {{documentNumber}} ({{amount}}) está listo. Revíselo y apruébelo aquí: {{link}}',
      action: 'Revisar el presupuesto',
    },
    fr: {
      subject: '{{companyName}} : votre devis {{documentNumber}}',
      body: 'Bonjour {{recipientName}},\n\nVoici votre devis {{documentNumber}} pour votre intervention ({{category}}, {{reference}}), d’un montant total de {{amount}}.\n\nVous pouvez le consulter et l’accepter en ligne quand vous le souhaitez.',
      sms: '{{companyName}} : votre devis {{documentNumber}} ({{amount}}) est prêt. Consultez-le et acceptez-le ici : {{link}}',
      action: 'Consulter le devis',
    },
  },
  invoice_shared: {
    en: {
      subject: 'Invoice {{documentNumber}} from {{companyName}}',
      body: 'Hi {{recipientName}},\n\nThank you for choosing {{companyName}}. Here is invoice {{documentNumber}} for your {{category}} job ({{reference}}): {{amount}}, due by {{dueDate}}.\n\nYou can view and pay it online.',
      sms: '{{companyName}}: invoice {{documentNumber}} for {{amount}} is ready, due by {{dueDate}}. View and pay: {{link}}',
      action: 'View the invoice',
    },
    es: {
      subject: 'Factura {{documentNumber}} de {{companyName}}',
      body: 'Hola, {{recipientName}}:\n\nGracias por confiar en {{companyName}}. Le enviamos la factura {{documentNumber}} de su trabajo ({{category}}, {{reference}}): {{amount}}, con vencimiento el {{dueDate}}.\n\nPuede verla y pagarla en línea.',
      sms: '{{companyName}}: la factura {{documentNumber}} de {{amount}} está lista, vence el {{dueDate}}. Véala y páguela aquí: {{link}}',
      action: 'Ver la factura',
    },
    fr: {
      subject: '{{companyName}} : votre facture {{documentNumber}}',
      body: 'Bonjour {{recipientName}},\n\nMerci d’avoir choisi {{companyName}}. Voici la facture {{documentNumber}} de votre intervention ({{category}}, {{reference}}) : {{amount}} (échéance : {{dueDate}}).\n\nVous pouvez la consulter et la régler en ligne.',
      sms: '{{companyName}} : la facture {{documentNumber}} de {{amount}} (échéance : {{dueDate}}) est disponible. Consulter et payer : {{link}}',
      action: 'Voir la facture',
    },
  },
  payment_reminder: {
    en: {
      subject: 'A friendly reminder about invoice {{documentNumber}}',
      body: 'Hi {{recipientName}},\n\nA friendly reminder that invoice {{documentNumber}} for {{amount}} (due {{dueDate}}), for your {{category}} job ({{reference}}), has not been paid yet.\n\nYou can pay it online in a few clicks. If you’ve already paid, thank you, and please ignore this message.',
      sms: '{{companyName}}: a friendly reminder that invoice {{documentNumber}} for {{amount}} (due {{dueDate}}) is still open. Pay online: {{link}}',
      action: 'Pay the invoice',
    },
    es: {
      subject: 'Recordatorio de pago: factura {{documentNumber}}',
      body: 'Hola, {{recipientName}}:\n\nLe recordamos que la factura {{documentNumber}} de {{amount}} (vencimiento: {{dueDate}}) de su trabajo ({{category}}, {{reference}}) sigue pendiente de pago.\n\nPuede pagarla en línea en unos pocos clics. Si ya la ha pagado, muchas gracias y no tenga en cuenta este mensaje.',
      sms: '{{companyName}}: le recordamos que la factura {{documentNumber}} de {{amount}} (vencimiento: {{dueDate}}) sigue pendiente. Pague en línea: {{link}}',
      action: 'Pagar la factura',
    },
    fr: {
      subject: 'Rappel de paiement : facture {{documentNumber}}',
      body: 'Bonjour {{recipientName}},\n\nPetit rappel : la facture {{documentNumber}} de {{amount}} (échéance : {{dueDate}}) pour votre intervention ({{category}}, {{reference}}) n’est pas encore réglée.\n\nVous pouvez la payer en ligne en quelques clics. Si vous l’avez déjà réglée, merci et ne tenez pas compte de ce message.',
      sms: '{{companyName}} : petit rappel, la facture {{documentNumber}} de {{amount}} (échéance : {{dueDate}}) reste à régler. Payer en ligne : {{link}}',
      action: 'Payer la facture',
    },
  },
  payment_receipt: {
    en: {
      subject: 'Payment received for invoice {{documentNumber}}',
      body: 'Hi {{recipientName}},\n\nThank you: we received your payment of {{amount}} for invoice {{documentNumber}} ({{category}} job {{reference}}). Your receipt number is {{receiptNumber}}.\n\nYou can view and download the receipt online at any time.',
      sms: '{{companyName}}: thank you, we received {{amount}} for invoice {{documentNumber}} (receipt {{receiptNumber}}). Receipt: {{link}}',
      action: 'View the receipt',
    },
    es: {
      subject: 'Pago recibido de la factura {{documentNumber}}',
      body: 'Hola, {{recipientName}}:\n\nGracias: hemos recibido su pago de {{amount}} de la factura {{documentNumber}} (trabajo {{category}}, {{reference}}). El número de su recibo es {{receiptNumber}}.\n\nPuede ver y descargar el recibo en línea cuando quiera.',
      sms: '{{companyName}}: gracias, hemos recibido {{amount}} de la factura {{documentNumber}} (recibo {{receiptNumber}}). Recibo: {{link}}',
      action: 'Ver el recibo',
    },
    fr: {
      subject: 'Paiement reçu pour la facture {{documentNumber}}',
      body: 'Bonjour {{recipientName}},\n\nMerci : nous avons bien reçu votre paiement de {{amount}} pour la facture {{documentNumber}} (intervention {{category}}, {{reference}}). Votre numéro de reçu est {{receiptNumber}}.\n\nVous pouvez consulter et télécharger le reçu en ligne à tout moment.',
      sms: '{{companyName}} : merci, nous avons reçu {{amount}} pour la facture {{documentNumber}} (reçu {{receiptNumber}}). Reçu : {{link}}',
      action: 'Voir le reçu',
    },
  },
  payment_failed: {
    en: {
      subject: 'Automatic payment of invoice {{documentNumber}} did not go through',
      body: 'Hi {{recipientName}},\n\nWe tried to charge your saved card {{amount}} for invoice {{documentNumber}} ({{category}} job {{reference}}), but the payment did not go through: {{reason}}\n\nThe invoice is still open. You can pay it online with another card.',
      sms: '{{companyName}}: the automatic payment of invoice {{documentNumber}} ({{amount}}) did not go through. Pay online: {{link}}',
      action: 'Pay the invoice',
    },
    es: {
      subject: 'El pago automático de la factura {{documentNumber}} no se ha realizado',
      body: 'Hola, {{recipientName}}:\n\nIntentamos cobrar {{amount}} de la factura {{documentNumber}} (trabajo {{category}}, {{reference}}) en su tarjeta guardada, pero el pago no se ha realizado: {{reason}}\n\nLa factura sigue pendiente. Puede pagarla en línea con otra tarjeta.',
      sms: '{{companyName}}: el pago automático de la factura {{documentNumber}} ({{amount}}) no se ha realizado. Pague en línea: {{link}}',
      action: 'Pagar ahora',
    },
    fr: {
      subject: 'Le paiement automatique de la facture {{documentNumber}} n’a pas abouti',
      body: 'Bonjour {{recipientName}},\n\nNous avons tenté de débiter {{amount}} sur votre carte enregistrée pour la facture {{documentNumber}} (intervention {{category}}, {{reference}}), mais le paiement n’a pas abouti : {{reason}}\n\nLa facture reste à régler. Vous pouvez la payer en ligne avec une autre carte.',
      sms: '{{companyName}} : le paiement automatique de la facture {{documentNumber}} ({{amount}}) n’a pas abouti. Payer en ligne : {{link}}',
      action: 'Régler la facture',
    },
  },
  request_submitted: {
    en: {
      subject: 'New request {{reference}}: {{category}} for {{customerName}}',
      body: 'Hi {{recipientName}},\n\n{{customerName}} has submitted a new {{category}} request ({{reference}}) for {{address}}.\n\nIt is waiting to be scheduled.',
      sms: 'New request {{reference}} from {{customerName}}: {{category}}, {{address}}. {{link}}',
      action: 'Open in the console',
    },
    es: {
      subject: 'Nueva solicitud {{reference}}: {{category}} para {{customerName}}',
      body: 'Hola, {{recipientName}}:\n\n{{customerName}} ha enviado una nueva solicitud ({{category}}, {{reference}}) para {{address}}.\n\nEstá pendiente de programar.',
      sms: 'Nueva solicitud {{reference}} de {{customerName}}: {{category}}, {{address}}. {{link}}',
      action: 'Abrir en la consola',
    },
    fr: {
      subject: 'Nouvelle demande {{reference}} : {{category}} pour {{customerName}}',
      body: 'Bonjour {{recipientName}},\n\n{{customerName}} a envoyé une nouvelle demande ({{category}}, {{reference}}) pour l’adresse {{address}}.\n\nElle attend d’être planifiée.',
      sms: 'Nouvelle demande {{reference}} ({{customerName}}) : {{category}}, {{address}}. {{link}}',
      action: 'Ouvrir dans la console',
    },
  },
  customer_note: {
    en: {
      subject: '{{customerName}} added a note to {{reference}}',
      body: 'Hi {{recipientName}},\n\n{{customerName}} added a note to {{reference}} ({{category}}, {{address}}):\n\n{{noteText}}',
      sms: '',
      action: 'Open the job',
    },
    es: {
      subject: '{{customerName}} ha añadido una nota a {{reference}}',
      body: 'Hola, {{recipientName}}:\n\n{{customerName}} ha añadido una nota a {{reference}} ({{category}}, {{address}}):\n\n{{noteText}}',
      sms: '',
      action: 'Abrir el trabajo',
    },
    fr: {
      subject: '{{customerName}} a ajouté une note à {{reference}}',
      body: 'Bonjour {{recipientName}},\n\n{{customerName}} a ajouté une note à {{reference}} ({{category}}, {{address}}) :\n\n{{noteText}}',
      sms: '',
      action: 'Ouvrir l’intervention',
    },
  },
  customer_message: {
    en: {
      subject: 'New message from {{customerName}} about {{reference}}',
      body: 'Hi {{recipientName}},\n\n{{customerName}} sent a message about {{reference}} ({{category}}):\n\n{{noteText}}\n\nYou can reply from the console.',
      sms: '',
      action: 'Open the job',
    },
    es: {
      subject: 'Nuevo mensaje de {{customerName}} sobre {{reference}}',
      body: 'Hola, {{recipientName}}:\n\n{{customerName}} ha enviado un mensaje sobre {{reference}} ({{category}}):\n\n{{noteText}}\n\nPuede responder desde la consola.',
      sms: '',
      action: 'Abrir el trabajo',
    },
    fr: {
      subject: '{{customerName}} vous a écrit au sujet de {{reference}}',
      body: 'Bonjour {{recipientName}},\n\n{{customerName}} a envoyé un message à propos de {{reference}} ({{category}}) :\n\n{{noteText}}\n\nVous pouvez répondre depuis la console.',
      sms: '',
      action: 'Ouvrir l’intervention',
    },
  },
  customer_rescheduled: {
    en: {
      subject: '{{customerName}} moved {{reference}} to {{window}}',
      body: 'Hi {{recipientName}},\n\n{{customerName}} moved the visit for {{reference}} ({{category}}, {{address}}) to {{window}} from the portal.\n\n{{reason}}',
      sms: '',
      action: 'Open the job',
    },
    es: {
      subject: '{{customerName}} ha movido {{reference}} a {{window}}',
      body: 'Hola, {{recipientName}}:\n\n{{customerName}} ha movido desde el portal la visita de {{reference}} ({{category}}, {{address}}) a {{window}}.\n\n{{reason}}',
      sms: '',
      action: 'Abrir el trabajo',
    },
    fr: {
      subject: '{{customerName}} a déplacé {{reference}} au {{window}}',
      body: 'Bonjour {{recipientName}},\n\n{{customerName}} a déplacé depuis le portail le passage prévu pour {{reference}} ({{category}}, {{address}}) au {{window}}.\n\n{{reason}}',
      sms: '',
      action: 'Ouvrir l’intervention',
    },
  },
  customer_cancelled: {
    en: {
      subject: '{{customerName}} cancelled {{reference}}',
      body: 'Hi {{recipientName}},\n\n{{customerName}} cancelled {{reference}} ({{category}}, {{address}}) from the portal.\n\n{{reason}}',
      sms: '',
      action: 'Open the job',
    },
    es: {
      subject: '{{customerName}} ha cancelado {{reference}}',
      body: 'Hola, {{recipientName}}:\n\n{{customerName}} ha cancelado desde el portal {{reference}} ({{category}}, {{address}}).\n\n{{reason}}',
      sms: '',
      action: 'Abrir el trabajo',
    },
    fr: {
      subject: '{{customerName}} a annulé {{reference}}',
      body: 'Bonjour {{recipientName}},\n\n{{customerName}} a annulé depuis le portail l’intervention {{reference}} ({{category}}, {{address}}).\n\n{{reason}}',
      sms: '',
      action: 'Ouvrir l’intervention',
    },
  },
  survey_low_rating: {
    en: {
      subject: '{{customerName}} rated {{reference}} {{rating}} out of 5',
      body: 'Hi {{recipientName}},\n\n{{customerName}} gave {{rating}} out of 5 stars to the {{category}} job {{reference}} ({{address}}).\n\n{{noteText}}\n\nA quick call often turns an unhappy customer around.',
      sms: '',
      action: 'Open the job',
    },
    es: {
      subject: '{{customerName}} ha valorado {{reference}} con {{rating}} de 5',
      body: 'Hola, {{recipientName}}:\n\n{{customerName}} ha dado {{rating}} de 5 estrellas al trabajo {{reference}} ({{category}}, {{address}}).\n\n{{noteText}}\n\nUna llamada a tiempo suele recuperar a un cliente descontento.',
      sms: '',
      action: 'Abrir el trabajo',
    },
    fr: {
      subject: '{{customerName}} a noté {{reference}} {{rating}} sur 5',
      body: 'Bonjour {{recipientName}},\n\n{{customerName}} a donné {{rating}} étoile(s) sur 5 à l’intervention {{reference}} ({{category}}, {{address}}).\n\n{{noteText}}\n\nUn appel rapide suffit souvent à regagner un client déçu.',
      sms: '',
      action: 'Ouvrir l’intervention',
    },
  },
  estimate_declined: {
    en: {
      subject: '{{customerName}} declined estimate {{documentNumber}}',
      body: 'Hi {{recipientName}},\n\n{{customerName}} declined estimate {{documentNumber}} ({{amount}}) for {{reference}} ({{category}}).\n\n{{reason}}',
      sms: '',
      action: 'Open the job',
    },
    es: {
      subject: '{{customerName}} ha rechazado el presupuesto {{documentNumber}}',
      body: 'Hola, {{recipientName}}:\n\n{{customerName}} ha rechazado el presupuesto {{documentNumber}} ({{amount}}) de {{reference}} ({{category}}).\n\n{{reason}}',
      sms: '',
      action: 'Abrir el trabajo',
    },
    fr: {
      subject: '{{customerName}} a refusé le devis {{documentNumber}}',
      body: 'Bonjour {{recipientName}},\n\n{{customerName}} a refusé le devis {{documentNumber}} ({{amount}}) pour {{reference}} ({{category}}).\n\n{{reason}}',
      sms: '',
      action: 'Ouvrir l’intervention',
    },
  },
  estimate_approved: {
    en: {
      subject: '{{customerName}} approved estimate {{documentNumber}}',
      body: 'Hi {{recipientName}},\n\n{{customerName}} has approved estimate {{documentNumber}} ({{amount}}) for {{reference}} ({{category}}).\n\nThe work can now be planned.',
      sms: '',
      action: 'Open the job',
    },
    es: {
      subject: '{{customerName}} ha aprobado el presupuesto {{documentNumber}}',
      body: 'Hola, {{recipientName}}:\n\n{{customerName}} ha aprobado el presupuesto {{documentNumber}} ({{amount}}) de {{reference}} ({{category}}).\n\nYa se puede planificar el trabajo.',
      sms: '',
      action: 'Abrir el trabajo',
    },
    fr: {
      subject: '{{customerName}} a accepté le devis {{documentNumber}}',
      body: 'Bonjour {{recipientName}},\n\n{{customerName}} a accepté le devis {{documentNumber}} ({{amount}}) pour {{reference}} ({{category}}).\n\nLes travaux peuvent maintenant être planifiés.',
      sms: '',
      action: 'Ouvrir l’intervention',
    },
  },
  invoice_paid: {
    en: {
      subject: '{{customerName}} paid invoice {{documentNumber}}',
      body: 'Hi {{recipientName}},\n\n{{customerName}} has paid invoice {{documentNumber}} ({{amount}}) for {{reference}}.\n\nNothing else to do: this is just to let you know.',
      sms: '',
      action: 'Open the job',
    },
    es: {
      subject: '{{customerName}} ha pagado la factura {{documentNumber}}',
      body: 'Hola, {{recipientName}}:\n\n{{customerName}} ha pagado la factura {{documentNumber}} ({{amount}}) de {{reference}}.\n\nNo hay que hacer nada más: es solo para que lo sepa.',
      sms: '',
      action: 'Abrir el trabajo',
    },
    fr: {
      subject: '{{customerName}} a réglé la facture {{documentNumber}}',
      body: 'Bonjour {{recipientName}},\n\n{{customerName}} a réglé la facture {{documentNumber}} ({{amount}}) pour {{reference}}.\n\nRien d’autre à faire : c’est simplement pour information.',
      sms: '',
      action: 'Ouvrir l’intervention',
    },
  },
};

/** Arrivo's own wording of a template in a language (a fresh copy, safe to change). */
export function defaultTemplate(key: TemplateKey, locale: Locale): TemplateText {
  return { ...DEFAULTS[key][locale] };
}

const SAMPLES: Record<Locale, Record<string, string>> = {
  en: {
    companyPhone: '+1 555 0100',
    recipientName: 'Ana García',
    reference: 'ARV-26-00123',
    category: 'Boiler repair',
    address: '12 Elm Street, Springfield 62701',
    window: 'Wed 14 Jan, 8:00–10:00 AM',
    technicianName: 'Alex Fixer',
    eta: '10:25 AM (in 12 min)',
    message: 'The pump needs replacing. I have ordered a new one and we will book a follow-up visit.',
    reason: 'You asked us to cancel the visit.',
    notes: 'Replaced the ignition electrode and tested the boiler: everything works.',
    customerName: 'Ana García',
    noteText: 'The side gate code is 4512.',
    rating: '2',
    documentNumber: '2026-0042',
    amount: '$245.00',
    dueDate: 'Fri 30 Jan',
    receiptNumber: 'RCT-00007',
  },
  es: {
    companyPhone: '+1 555 0100',
    recipientName: 'Ana García',
    reference: 'ARV-26-00123',
    category: 'Reparación de caldera',
    address: '12 Elm Street, Springfield 62701',
    window: 'mié 14 ene, 8:00–10:00',
    technicianName: 'Alex Fixer',
    eta: '10:25 (en 12 min)',
    message: 'Hay que cambiar la bomba. He pedido una nueva y programaremos otra visita.',
    reason: 'Nos pidió cancelar la visita.',
    notes: 'Sustituimos el electrodo de encendido y probamos la caldera: todo funciona.',
    customerName: 'Ana García',
    noteText: 'El código de la puerta lateral es 4512.',
    rating: '2',
    documentNumber: '2026-0042',
    amount: '245,00 US$',
    dueDate: 'vie 30 ene',
    receiptNumber: 'RCT-00007',
  },
  fr: {
    companyPhone: '+1 555 0100',
    recipientName: 'Ana García',
    reference: 'ARV-26-00123',
    category: 'Réparation de chaudière',
    address: '12 Elm Street, Springfield 62701',
    window: 'mer. 14 janv., 8 h 00 – 10 h 00',
    technicianName: 'Alex Fixer',
    eta: '10 h 25 (dans 12 min)',
    message: 'La pompe est à remplacer. J’en ai commandé une neuve et nous prévoirons une autre visite.',
    reason: 'Vous nous avez demandé d’annuler la visite.',
    notes: 'Électrode d’allumage remplacée et chaudière testée : tout fonctionne.',
    customerName: 'Ana García',
    noteText: 'Le code du portail latéral est 4512.',
    rating: '2',
    documentNumber: '2026-0042',
    amount: '245,00 $US',
    dueDate: 'ven. 30 janv.',
    receiptNumber: 'RCT-00007',
  },
};

const STAFF_SAMPLE_NAME: Record<Locale, string> = { en: 'Dana Dispatcher', es: 'Dana Dispatcher', fr: 'Dana Dispatcher' };

/**
 * Realistic values for every variable of a template, in a language: for previews and tests.
 * Links point at `baseUrl` (the installation's public address) but open nothing.
 */
export function sampleVariables(key: TemplateKey, locale: Locale, options: { companyName: string; companyPhone?: string | null; baseUrl: string }): Record<string, string> {
  const staff = audienceOf(key) === 'staff';
  return {
    ...SAMPLES[locale],
    companyName: options.companyName,
    ...(options.companyPhone ? { companyPhone: options.companyPhone } : {}),
    ...(staff ? { recipientName: STAFF_SAMPLE_NAME[locale] } : {}),
    link: staff ? `${options.baseUrl}/console/jobs/sample` : `${options.baseUrl}/j/sample-link`,
    surveyLink: `${options.baseUrl}/portal/survey#link=sample-link`,
  };
}
