/** The server's texts for readers in Dutch, in the informal "je" of the reader catalogue. */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: 'Verbeter de gemarkeerde velden.',
  siteNotAllowed:
    'Deze reactieserver accepteert geen reacties voor pagina’s op {origin}. De site-eigenaar kan die oorsprong toevoegen aan SITE_ORIGINS.',
  parentNotFound:
    'De reactie waarop je reageert, bestaat niet op deze pagina (misschien is ze verwijderd).',
  commentNotFound: 'Er is geen reactie met nummer {id}.',
  feedNotFound:
    'Deze reactieserver bewaart geen reacties voor pagina’s op {origin} en heeft er dus ook geen feed van.',
  commentsClosed: 'Reageren is op deze pagina niet meer mogelijk.',
  notShown: 'Er is geen reactie met nummer {id} die je leuk kunt vinden.',
  likesOff: 'Reacties leuk vinden is op deze site uitgeschakeld.',
  formUnverified:
    'Dit formulier kon niet worden geverifieerd voor deze pagina. Laad de pagina opnieuw en plaats je reactie nog een keer.',
  formExpired: {
    one: 'Dit formulier stond langer dan {n} uur open en is daarom vernieuwd. Plaats je reactie nog een keer.',
    other:
      'Dit formulier stond langer dan {n} uur open en is daarom vernieuwd. Plaats je reactie nog een keer.',
  },
  tooFast: {
    one: 'Dat ging sneller dan iemand een reactie kan schrijven. Wacht {n} seconde en plaats je reactie dan opnieuw.',
    other:
      'Dat ging sneller dan iemand een reactie kan schrijven. Wacht {n} seconden en plaats je reactie dan opnieuw.',
  },
  flood: {
    one: 'Je plaatst te snel achter elkaar reacties. Wacht {n} seconde voordat je de volgende plaatst.',
    other:
      'Je plaatst te snel achter elkaar reacties. Wacht {n} seconden voordat je de volgende plaatst.',
  },
  rateLimited: {
    one: 'Te veel verzoeken vanaf je verbinding. Probeer het over {n} seconde opnieuw.',
    other: 'Te veel verzoeken vanaf je verbinding. Probeer het over {n} seconden opnieuw.',
  },
  duplicate: 'Deze reactie staat er al: zo te zien heb je precies dit al eens geschreven!',
  challengeRequired:
    'Voordat deze reactie wordt geaccepteerd, moet je browser een korte controle tegen spam oplossen. Plaats haar opnieuw met de oplossing.',
  challengeInvalid:
    'De spamcontrole die met deze reactie is meegestuurd, is ongeldig. Plaats je reactie opnieuw.',
  challengeUsed:
    'De spamcontrole die met deze reactie is meegestuurd, is al gebruikt. Plaats je reactie opnieuw.',
  challengeExpired:
    'De spamcontrole die met deze reactie is meegestuurd, is verlopen. Plaats je reactie opnieuw.',
  blocked:
    'Deze reactie kan niet worden geaccepteerd: ze staat op de lijst van geblokkeerde woorden, adressen of netwerken van deze site.',
  notYourComment: 'Deze reactie kan alleen worden gewijzigd in de browser waarin ze is geplaatst.',
  editWindowClosed: {
    one: 'Reacties kunnen alleen binnen {n} minuut na het plaatsen worden bewerkt of verwijderd. Vraag het de site-eigenaar als er iets moet worden aangepast.',
    other:
      'Reacties kunnen alleen binnen {n} minuten na het plaatsen worden bewerkt of verwijderd. Vraag het de site-eigenaar als er iets moet worden aangepast.',
  },
  notUtf8: 'Stuur JSON in UTF-8; volgens dit verzoek is het in {charset}.',
  storageUnavailable:
    'Reacties kunnen nu niet worden opgeslagen: de opslag van de server is niet beschikbaar. Probeer het over een paar minuten opnieuw.',
  bodyTooLarge: 'Het verzoek is groter dan {n} KB.',
  notJson: 'Stuur de inhoud van het verzoek als JSON, met “Content-Type: application/json”.',
  emptyBody: 'Het verzoek heeft geen inhoud.',
  invalidJson: 'De inhoud van het verzoek is geen geldige JSON.',
  badUrl: 'Het adres van dit verzoek is ongeldig.',
  urlPartTooLong: 'Een deel van dit adres is te lang.',
  notFound: 'Op {method} {url} is niets te vinden.',
  serverError: 'Er ging iets mis op de server. Probeer het opnieuw.',

  fieldRequired: 'Dit veld is verplicht.',
  fieldTooLong: {
    one: 'Mag maximaal {n} teken bevatten.',
    other: 'Mag maximaal {n} tekens bevatten.',
  },
  fieldTooShort: {
    one: 'Moet minstens {n} teken bevatten.',
    other: 'Moet minstens {n} tekens bevatten.',
  },
  fieldEmpty: 'Mag niet leeg zijn.',
  fieldWrongType: 'Heeft het verkeerde type.',
  fieldBelowMinimum: 'Moet minstens {n} zijn.',
  fieldAboveMaximum: 'Mag maximaal {n} zijn.',
  fieldTooManyItems: {
    one: 'Mag maximaal {n} item bevatten.',
    other: 'Mag maximaal {n} items bevatten.',
  },
  fieldNotAllowed: 'Is geen van de toegestane waarden.',
  fieldWholeNumber: 'Moet een geheel getal zijn.',
  fieldInvalid: 'Is niet geldig.',
  pageUrlInvalid: 'Het adres van de pagina moet een http(s)-URL zijn.',
  parentNotReplyable: 'Op deze reactie kan niet worden gereageerd.',
  cursorInvalid: 'Dit is geen cursor van een vorige pagina.',
  cursorOtherOrder:
    'Deze cursor zet de reacties voort in de volgorde sort={was}, niet sort={asked}: begin opnieuw bij de eerste pagina.',
  countsTooMany: {
    one: 'Vraag om maximaal {n} pagina tegelijk.',
    other: 'Vraag om maximaal {n} pagina’s tegelijk.',
  },
  countsNotUrl: '“{url}” is geen http(s)-URL.',
  feedUrlMissing: 'Geef het adres van de pagina waarvan je de reacties wilt volgen.',
  feedSiteMissing: 'Of geef de oorsprong van de site waarvan je de reacties wilt volgen.',
  feedOneOf: 'Geef url (het adres van een pagina) of site (een oorsprong), niet allebei.',
  feedSiteNotOrigin: 'De site moet een oorsprong zijn, zoals https://blog.example.com.',

  confirmSubject: 'Graag bevestigen: e-mail wanneer iemand op je reacties reageert',
  confirmIntro:
    'Je hebt gevraagd om een e-mail wanneer iemand reageert op je reactie bij “{title}”.',
  confirmAsk:
    'Bevestig dat dit jouw adres is; zolang je dat niet doet, krijg je zulke e-mails niet:',
  confirmLink: 'Mijn adres bevestigen',
  confirmIgnore:
    'Was jij dat niet? Negeer deze e-mail dan. Wil je nooit meer e-mail van ons krijgen, meld je dan af:',
  replySubject: 'Er is gereageerd op je reactie bij “{title}”',
  replyIntro: '{name} heeft gereageerd op je reactie bij “{title}”:',
  replyRead: 'Op de pagina lezen',
  replyYourComment: 'Je reactie:',
  replyWhy:
    'Je krijgt deze e-mail omdat je hebt gevraagd om een e-mail wanneer iemand op je reacties reageert.',
  unsubscribeLink: 'Afmelden',

  linkNotValidTitle: 'Deze link is niet geldig',
  linkNotValidText: 'Controleer of het volledige adres uit de e-mail in de adresbalk staat.',
  confirmPageTitle: 'Bevestig je adres',
  confirmPageText:
    'Dan sturen we je een e-mail wanneer iemand reageert op een reactie waarvoor je meldingen hebt aangevraagd.',
  confirmPageButton: 'Bevestigen',
  confirmedPageTitle: 'Je adres is bevestigd',
  confirmedPageText:
    'Je krijgt een e-mail wanneer iemand op je reactie reageert. Elke e-mail daarover bevat een link om je af te melden.',
  unsubscribePageTitle: 'Afmelden?',
  unsubscribePageText:
    'Daarna sturen we geen e-mail meer naar je adres: geen reacties, geen bevestigingen.',
  unsubscribePageButton: 'Afmelden',
  unsubscribedPageTitle: 'Je bent afgemeld',
  unsubscribedPageText: 'We sturen geen e-mail meer naar je adres.',
  verificationOff:
    'Deze reactieserver verstuurt geen e-mail en kan dus geen e-mailadressen verifiëren.',
  verifySubject: 'Verifieer je e-mailadres',
  verifyIntro:
    'Iemand, hopelijk jij, vroeg om dit adres te verifiëren voor reacties op {site}. Zodra het geverifieerd is, worden je reacties vanuit die browser als geverifieerd gemarkeerd, en wachten reacties die anderen met jouw adres plaatsen op moderatie.',
  verifyAsk: 'Open hiervoor binnen een week deze link; hij werkt één keer:',
  verifyLink: 'Mijn adres verifiëren',
  verifyIgnore: 'Was jij dit niet? Negeer deze e-mail dan: er verandert niets.',
  verifyPageTitle: 'Verifieer je e-mailadres',
  verifyPageText:
    'Je reacties met dit adres vanuit de browser die het vroeg, worden als geverifieerd gemarkeerd.',
  verifyPageButton: 'Verifiëren',
  verifiedPageTitle: 'Je adres is geverifieerd',
  verifiedPageText:
    'Je reacties met dit adres vanuit die browser worden nu als geverifieerd gemarkeerd.',
  verifyGoneTitle: 'Deze link werkt niet meer',
  verifyGoneText:
    'Hij is al gebruikt of is ouder dan een week. Vraag het opnieuw aan via het reactieformulier om je adres te verifiëren.',
};
