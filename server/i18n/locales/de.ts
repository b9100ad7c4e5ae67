/** The server's texts for readers in German, in the informal "du" German blogs use. */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: 'Bitte korrigiere die markierten Felder.',
  siteNotAllowed:
    'Dieser Kommentar-Server nimmt keine Kommentare für Seiten auf {origin} an. Der Betreiber der Website kann diesen Ursprung in SITE_ORIGINS eintragen.',
  parentNotFound:
    'Den Kommentar, auf den du antwortest, gibt es auf dieser Seite nicht (vielleicht wurde er entfernt).',
  commentNotFound: 'Es gibt keinen Kommentar mit der Nummer {id}.',
  feedNotFound:
    'Dieser Kommentar-Server speichert keine Kommentare für Seiten auf {origin} und hat daher keinen Feed dafür.',
  commentsClosed: 'Die Kommentarfunktion für diese Seite ist geschlossen.',
  notShown: 'Es gibt keinen Kommentar mit der Nummer {id}, der dir gefallen könnte.',
  likesOff: '„Gefällt mir“ ist auf dieser Website ausgeschaltet.',
  formUnverified:
    'Dieses Formular konnte für diese Seite nicht bestätigt werden. Bitte lade die Seite neu und schicke deinen Kommentar noch einmal ab.',
  formExpired: {
    one: 'Dieses Formular war länger als {n} Stunde geöffnet und wurde deshalb erneuert. Bitte schicke deinen Kommentar noch einmal ab.',
    other:
      'Dieses Formular war länger als {n} Stunden geöffnet und wurde deshalb erneuert. Bitte schicke deinen Kommentar noch einmal ab.',
  },
  tooFast: {
    one: 'Das ging schneller, als irgendjemand einen Kommentar schreiben kann. Bitte warte {n} Sekunde und schicke ihn dann noch einmal ab.',
    other:
      'Das ging schneller, als irgendjemand einen Kommentar schreiben kann. Bitte warte {n} Sekunden und schicke ihn dann noch einmal ab.',
  },
  flood: {
    one: 'Du schreibst zu schnell hintereinander Kommentare. Bitte warte {n} Sekunde, bevor du den nächsten abschickst.',
    other:
      'Du schreibst zu schnell hintereinander Kommentare. Bitte warte {n} Sekunden, bevor du den nächsten abschickst.',
  },
  rateLimited: {
    one: 'Zu viele Anfragen von deiner Verbindung. Bitte versuche es in {n} Sekunde noch einmal.',
    other:
      'Zu viele Anfragen von deiner Verbindung. Bitte versuche es in {n} Sekunden noch einmal.',
  },
  duplicate: 'Doppelter Kommentar erkannt: Das hast du anscheinend schon einmal geschrieben!',
  challengeRequired:
    'Bevor dieser Kommentar angenommen wird, muss dein Browser eine kurze Prüfung gegen Spam lösen. Bitte schicke ihn mit der Lösung noch einmal ab.',
  challengeInvalid:
    'Die Spam-Prüfung, die mit diesem Kommentar kam, ist ungültig. Bitte schicke deinen Kommentar noch einmal ab.',
  challengeUsed:
    'Die Spam-Prüfung, die mit diesem Kommentar kam, wurde schon verwendet. Bitte schicke deinen Kommentar noch einmal ab.',
  challengeExpired:
    'Die Spam-Prüfung, die mit diesem Kommentar kam, ist abgelaufen. Bitte schicke deinen Kommentar noch einmal ab.',
  blocked:
    'Dieser Kommentar kann nicht angenommen werden: Er steht auf der Sperrliste der Website für Wörter, Adressen oder Netze.',
  notYourComment:
    'Dieser Kommentar kann nur in dem Browser geändert werden, in dem er geschrieben wurde.',
  editWindowClosed: {
    one: 'Kommentare können nur innerhalb von {n} Minute nach dem Abschicken bearbeitet oder gelöscht werden. Frag den Betreiber der Website, wenn etwas geändert werden muss.',
    other:
      'Kommentare können nur innerhalb von {n} Minuten nach dem Abschicken bearbeitet oder gelöscht werden. Frag den Betreiber der Website, wenn etwas geändert werden muss.',
  },
  notUtf8: 'Schicke JSON in UTF-8; diese Anfrage gibt {charset} an.',
  storageUnavailable:
    'Kommentare können gerade nicht gespeichert werden: Der Speicher des Servers ist nicht verfügbar. Bitte versuche es in ein paar Minuten noch einmal.',
  bodyTooLarge: 'Die Anfrage ist größer als {n} KB.',
  notJson: 'Schicke den Inhalt der Anfrage als JSON, mit „Content-Type: application/json“.',
  emptyBody: 'Die Anfrage hat keinen Inhalt.',
  invalidJson: 'Der Inhalt der Anfrage ist kein gültiges JSON.',
  badUrl: 'Die Adresse dieser Anfrage ist fehlerhaft.',
  urlPartTooLong: 'Ein Teil dieser Adresse ist zu lang.',
  notFound: 'Unter {method} {url} gibt es nichts.',
  serverError: 'Auf dem Server ist etwas schiefgegangen. Bitte versuche es noch einmal.',

  fieldRequired: 'Dieses Feld ist erforderlich.',
  fieldTooLong: {
    one: 'Darf höchstens {n} Zeichen lang sein.',
    other: 'Darf höchstens {n} Zeichen lang sein.',
  },
  fieldTooShort: {
    one: 'Muss mindestens {n} Zeichen lang sein.',
    other: 'Muss mindestens {n} Zeichen lang sein.',
  },
  fieldEmpty: 'Darf nicht leer sein.',
  fieldWrongType: 'Hat den falschen Typ.',
  fieldBelowMinimum: 'Muss mindestens {n} sein.',
  fieldAboveMaximum: 'Darf höchstens {n} sein.',
  fieldTooManyItems: {
    one: 'Darf höchstens {n} Eintrag haben.',
    other: 'Darf höchstens {n} Einträge haben.',
  },
  fieldNotAllowed: 'Ist keiner der erlaubten Werte.',
  fieldWholeNumber: 'Muss eine ganze Zahl sein.',
  fieldInvalid: 'Ist nicht gültig.',
  pageUrlInvalid: 'Die Adresse der Seite muss eine http(s)-URL sein.',
  parentNotReplyable: 'Auf diesen Kommentar kann nicht geantwortet werden.',
  cursorInvalid: 'Das ist kein Cursor von einer vorherigen Seite.',
  cursorOtherOrder:
    'Dieser Cursor setzt die Kommentare in der Reihenfolge sort={was} fort, nicht sort={asked}: Fang noch einmal bei der ersten Seite an.',
  countsTooMany: {
    one: 'Frag nach höchstens {n} Seite auf einmal.',
    other: 'Frag nach höchstens {n} Seiten auf einmal.',
  },
  countsNotUrl: '„{url}“ ist keine http(s)-URL.',
  feedUrlMissing: 'Gib die Adresse der Seite an, deren Kommentaren du folgen möchtest.',
  feedSiteMissing: 'Oder gib den Ursprung der Website an, deren Kommentaren du folgen möchtest.',
  feedOneOf:
    'Gib entweder url (die Adresse einer Seite) oder site (einen Ursprung) an, nicht beides.',
  feedSiteNotOrigin: 'Die Website muss ein Ursprung sein, etwa https://blog.example.com.',

  confirmSubject: 'Bitte bestätigen: E-Mails über Antworten auf deine Kommentare',
  confirmIntro:
    'Du möchtest per E-Mail erfahren, wenn jemand auf deinen Kommentar zu „{title}“ antwortet.',
  confirmAsk:
    'Bitte bestätige, dass das deine Adresse ist; bis dahin bekommst du keine solchen E-Mails:',
  confirmLink: 'Meine Adresse bestätigen',
  confirmIgnore:
    'Wenn du das nicht warst, ignoriere diese E-Mail. Wenn du nie wieder E-Mails von uns bekommen möchtest, melde dich ab:',
  replySubject: 'Neue Antwort auf deinen Kommentar zu „{title}“',
  replyIntro: '{name} hat auf deinen Kommentar zu „{title}“ geantwortet:',
  replyRead: 'Auf der Seite lesen',
  replyYourComment: 'Dein Kommentar:',
  replyWhy:
    'Du bekommst diese E-Mail, weil du E-Mails über Antworten auf deine Kommentare bestellt hast.',
  unsubscribeLink: 'Abmelden',

  linkNotValidTitle: 'Dieser Link ist nicht gültig',
  linkNotValidText: 'Bitte prüfe, ob die ganze Adresse aus der E-Mail in der Adresszeile steht.',
  confirmPageTitle: 'Bestätige deine Adresse',
  confirmPageText:
    'Dann schicken wir dir eine E-Mail, wenn jemand auf einen Kommentar antwortet, zu dem du benachrichtigt werden möchtest.',
  confirmPageButton: 'Bestätigen',
  confirmedPageTitle: 'Deine Adresse ist bestätigt',
  confirmedPageText:
    'Du bekommst eine E-Mail, wenn jemand auf deinen Kommentar antwortet. Jede dieser E-Mails enthält einen Link zum Abmelden.',
  unsubscribePageTitle: 'Abmelden?',
  unsubscribePageText:
    'Danach schicken wir keine E-Mails mehr an deine Adresse: keine Antworten, keine Bestätigungen.',
  unsubscribePageButton: 'Abmelden',
  unsubscribedPageTitle: 'Du bist abgemeldet',
  unsubscribedPageText: 'Wir schicken keine E-Mails mehr an deine Adresse.',
  verificationOff:
    'Dieser Kommentar-Server verschickt keine E-Mails und kann deshalb keine E-Mail-Adressen bestätigen.',
  verifySubject: 'Bitte bestätige deine E-Mail-Adresse',
  verifyIntro:
    'Jemand, hoffentlich du, möchte diese Adresse für Kommentare auf {site} bestätigen. Danach werden deine Kommentare aus diesem Browser als bestätigt markiert, und Kommentare, die andere mit deiner Adresse schreiben, warten auf Freigabe.',
  verifyAsk: 'Öffne dazu innerhalb einer Woche diesen Link; er funktioniert einmal:',
  verifyLink: 'Meine Adresse bestätigen',
  verifyIgnore: 'Warst du das nicht, ignoriere diese E-Mail einfach: Es ändert sich nichts.',
  verifyPageTitle: 'Bestätige deine E-Mail-Adresse',
  verifyPageText:
    'Deine Kommentare mit dieser Adresse aus dem Browser, der gefragt hat, werden als bestätigt markiert.',
  verifyPageButton: 'Bestätigen',
  verifiedPageTitle: 'Deine Adresse ist bestätigt',
  verifiedPageText:
    'Deine Kommentare mit ihr aus diesem Browser werden jetzt als bestätigt markiert.',
  verifyGoneTitle: 'Dieser Link funktioniert nicht mehr',
  verifyGoneText:
    'Er wurde schon benutzt oder ist älter als eine Woche. Um deine Adresse zu bestätigen, frage noch einmal im Kommentarformular.',
};
