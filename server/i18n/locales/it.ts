/** The server's texts for readers in Italian, with the "tu" of the widget's Italian texts. */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: 'Correggi i campi evidenziati.',
  siteNotAllowed:
    'Questo server dei commenti non accetta commenti per le pagine di {origin}. Il titolare del sito può aggiungere questa origine a SITE_ORIGINS.',
  parentNotFound:
    'Il commento a cui stai rispondendo non esiste in questa pagina (potrebbe essere stato rimosso).',
  commentNotFound: 'Non esiste alcun commento con il numero {id}.',
  feedNotFound:
    'Questo server dei commenti non conserva commenti per le pagine di {origin}, quindi non ne ha alcun feed.',
  commentsClosed: 'I commenti per questa pagina sono chiusi.',
  notShown: 'Non esiste alcun commento con il numero {id} a cui mettere «Mi piace».',
  likesOff: 'I «Mi piace» ai commenti sono disattivati su questo sito.',
  formUnverified:
    'Non è stato possibile verificare questo modulo per questa pagina. Ricarica la pagina e pubblica di nuovo il tuo commento.',
  // Italian writes "di" after a round million ("1.000.000 di ore"): that is the `many` form.
  formExpired: {
    one: 'Questo modulo è rimasto aperto per più di {n} ora, quindi è stato rinnovato. Pubblica di nuovo il tuo commento.',
    many: 'Questo modulo è rimasto aperto per più di {n} di ore, quindi è stato rinnovato. Pubblica di nuovo il tuo commento.',
    other:
      'Questo modulo è rimasto aperto per più di {n} ore, quindi è stato rinnovato. Pubblica di nuovo il tuo commento.',
  },
  tooFast: {
    one: 'Nessuno riesce a scrivere un commento così in fretta. Aspetta {n} secondo e pubblicalo di nuovo.',
    many: 'Nessuno riesce a scrivere un commento così in fretta. Aspetta {n} di secondi e pubblicalo di nuovo.',
    other:
      'Nessuno riesce a scrivere un commento così in fretta. Aspetta {n} secondi e pubblicalo di nuovo.',
  },
  flood: {
    one: 'Stai pubblicando commenti troppo in fretta. Aspetta {n} secondo prima di pubblicarne un altro.',
    many: 'Stai pubblicando commenti troppo in fretta. Aspetta {n} di secondi prima di pubblicarne un altro.',
    other:
      'Stai pubblicando commenti troppo in fretta. Aspetta {n} secondi prima di pubblicarne un altro.',
  },
  rateLimited: {
    one: 'Troppe richieste dalla tua connessione. Riprova tra {n} secondo.',
    many: 'Troppe richieste dalla tua connessione. Riprova tra {n} di secondi.',
    other: 'Troppe richieste dalla tua connessione. Riprova tra {n} secondi.',
  },
  duplicate:
    'Questo commento è un doppione: sembra che tu abbia già scritto esattamente la stessa cosa!',
  challengeRequired:
    'Prima che questo commento venga accettato, il tuo browser deve risolvere un breve controllo antispam. Invialo di nuovo con la soluzione.',
  challengeInvalid:
    'Il controllo antispam inviato con questo commento non è valido. Invia di nuovo il tuo commento.',
  challengeUsed:
    'Il controllo antispam inviato con questo commento è già stato usato. Invia di nuovo il tuo commento.',
  challengeExpired:
    'Il controllo antispam inviato con questo commento è scaduto. Invia di nuovo il tuo commento.',
  blocked:
    'Questo commento non può essere accettato: corrisponde all’elenco di parole, indirizzi o reti bloccati dal sito.',
  notYourComment:
    'Questo commento può essere modificato solo dal browser da cui è stato pubblicato.',
  editWindowClosed: {
    one: 'I commenti possono essere modificati o eliminati solo entro {n} minuto dalla pubblicazione. Se serve una modifica, chiedi al titolare del sito.',
    many: 'I commenti possono essere modificati o eliminati solo entro {n} di minuti dalla pubblicazione. Se serve una modifica, chiedi al titolare del sito.',
    other:
      'I commenti possono essere modificati o eliminati solo entro {n} minuti dalla pubblicazione. Se serve una modifica, chiedi al titolare del sito.',
  },
  notUtf8: 'Invia JSON in UTF-8; questa richiesta dichiara di essere in {charset}.',
  storageUnavailable:
    'Al momento non è possibile salvare i commenti: lo spazio di archiviazione del server non è disponibile. Riprova tra qualche minuto.',
  bodyTooLarge: 'La richiesta supera {n} KB.',
  notJson: 'Invia il corpo della richiesta come JSON, con «Content-Type: application/json».',
  emptyBody: 'Il corpo della richiesta è vuoto.',
  invalidJson: 'Il corpo della richiesta non è un JSON valido.',
  badUrl: 'L’indirizzo di questa richiesta non è ben formato.',
  urlPartTooLong: 'Una parte di questo indirizzo è troppo lunga.',
  notFound: 'Non c’è nulla in {method} {url}.',
  serverError: 'Qualcosa non ha funzionato sul server. Riprova.',

  fieldRequired: 'Questo campo è obbligatorio.',
  fieldTooLong: {
    one: 'Può contenere al massimo {n} carattere.',
    many: 'Può contenere al massimo {n} di caratteri.',
    other: 'Può contenere al massimo {n} caratteri.',
  },
  fieldTooShort: {
    one: 'Deve contenere almeno {n} carattere.',
    many: 'Deve contenere almeno {n} di caratteri.',
    other: 'Deve contenere almeno {n} caratteri.',
  },
  fieldEmpty: 'Non può essere vuoto.',
  fieldWrongType: 'È del tipo sbagliato.',
  fieldBelowMinimum: 'Deve essere maggiore o uguale a {n}.',
  fieldAboveMaximum: 'Deve essere minore o uguale a {n}.',
  fieldTooManyItems: {
    one: 'Può contenere al massimo {n} elemento.',
    many: 'Può contenere al massimo {n} di elementi.',
    other: 'Può contenere al massimo {n} elementi.',
  },
  fieldNotAllowed: 'Non è uno dei valori consentiti.',
  fieldWholeNumber: 'Deve essere un numero intero.',
  fieldInvalid: 'Non è valido.',
  pageUrlInvalid: 'L’indirizzo della pagina deve essere un URL http(s).',
  parentNotReplyable: 'Non è possibile rispondere a questo commento.',
  cursorInvalid: 'Questo non è un cursore di una pagina precedente.',
  cursorOtherOrder:
    'Questo cursore prosegue i commenti nell’ordine sort={was}, non sort={asked}: ricomincia dalla prima pagina.',
  countsTooMany: {
    one: 'Chiedi al massimo {n} pagina alla volta.',
    many: 'Chiedi al massimo {n} di pagine alla volta.',
    other: 'Chiedi al massimo {n} pagine alla volta.',
  },
  countsNotUrl: '«{url}» non è un URL http(s).',
  feedUrlMissing: 'Indica l’indirizzo della pagina di cui vuoi seguire i commenti.',
  feedSiteMissing: 'Oppure indica l’origine del sito di cui vuoi seguire i commenti.',
  feedOneOf: 'Indica url (l’indirizzo di una pagina) oppure site (un’origine), non entrambi.',
  feedSiteNotOrigin: 'Il sito deve essere un’origine, come https://blog.example.com.',

  confirmSubject: 'Conferma: email sulle risposte ai tuoi commenti',
  confirmIntro:
    'Hai chiesto di ricevere un’email quando qualcuno risponde al tuo commento su «{title}».',
  confirmAsk:
    'Conferma che questo è il tuo indirizzo; finché non lo fai, non riceverai email di questo tipo:',
  confirmLink: 'Conferma il mio indirizzo',
  // Worded so that it needs no gender for the reader ("se non sei stato/stata tu").
  confirmIgnore:
    'Se la richiesta non è partita da te, ignora questa email. Per non ricevere mai più email da noi, annulla l’iscrizione:',
  replySubject: 'Nuova risposta al tuo commento su «{title}»',
  replyIntro: '{name} ha risposto al tuo commento su «{title}»:',
  replyRead: 'Leggi la risposta sulla pagina',
  replyYourComment: 'Il tuo commento:',
  replyWhy:
    'Ricevi questa email perché hai chiesto di ricevere email sulle risposte ai tuoi commenti.',
  unsubscribeLink: 'Annulla l’iscrizione',

  linkNotValidTitle: 'Questo link non è valido',
  linkNotValidText:
    'Controlla che nella barra degli indirizzi ci sia l’indirizzo completo riportato nell’email.',
  confirmPageTitle: 'Conferma il tuo indirizzo',
  confirmPageText:
    'Da quel momento ti invieremo un’email quando qualcuno risponde a un commento per cui hai chiesto gli avvisi.',
  confirmPageButton: 'Conferma',
  confirmedPageTitle: 'Il tuo indirizzo è confermato',
  confirmedPageText:
    'Riceverai un’email quando qualcuno risponde al tuo commento. Ognuna di queste email contiene un link per annullare l’iscrizione.',
  unsubscribePageTitle: 'Annullare l’iscrizione?',
  unsubscribePageText: 'Dopo non invieremo più email al tuo indirizzo: né risposte, né conferme.',
  unsubscribePageButton: 'Annulla l’iscrizione',
  unsubscribedPageTitle: 'Iscrizione annullata',
  unsubscribedPageText: 'Non invieremo più email al tuo indirizzo.',
  verificationOff:
    'Questo server di commenti non invia email, quindi non può verificare gli indirizzi email.',
  verifySubject: 'Verifica il tuo indirizzo email',
  verifyIntro:
    'Qualcuno, speriamo tu, ha chiesto di verificare questo indirizzo per i commenti su {site}. Una volta verificato, i tuoi commenti da quel browser saranno segnati come verificati e quelli che altri pubblicano con il tuo indirizzo attenderanno la moderazione.',
  verifyAsk: 'Per verificarlo, apri questo link entro una settimana; funziona una sola volta:',
  verifyLink: 'Verifica il mio indirizzo',
  verifyIgnore: 'Se non sei stato tu, ignora questa email: non cambia nulla.',
  verifyPageTitle: 'Verifica il tuo indirizzo email',
  verifyPageText:
    'I tuoi commenti con questo indirizzo dal browser che l’ha chiesto saranno segnati come verificati.',
  verifyPageButton: 'Verifica',
  verifiedPageTitle: 'Il tuo indirizzo è verificato',
  verifiedPageText:
    'I tuoi commenti con questo indirizzo da quel browser ora sono segnati come verificati.',
  verifyGoneTitle: 'Questo link non funziona più',
  verifyGoneText:
    'È già stato usato o ha più di una settimana. Per verificare il tuo indirizzo, chiedilo di nuovo dal modulo dei commenti.',
};
