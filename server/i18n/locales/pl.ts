/**
 * The server's texts for readers in Polish, in the reader catalogue's informal address with the
 * pronoun capitalised ("Twój komentarz"); past tenses that would need the reader's gender are
 * avoided.
 */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: 'Popraw zaznaczone pola.',
  siteNotAllowed:
    'Ten serwer komentarzy nie przyjmuje komentarzy do stron pod adresem {origin}. Właściciel strony może dodać to źródło (origin) do SITE_ORIGINS.',
  parentNotFound:
    'Komentarz, na który odpowiadasz, nie istnieje na tej stronie (mógł zostać usunięty).',
  commentNotFound: 'Nie ma komentarza o numerze {id}.',
  feedNotFound:
    'Ten serwer komentarzy nie przechowuje komentarzy do stron pod adresem {origin}, więc nie ma dla nich kanału.',
  commentsClosed: 'Komentowanie tej strony jest wyłączone.',
  notShown: 'Nie ma komentarza o numerze {id}, który można polubić.',
  likesOff: 'Polubienia komentarzy są wyłączone w tej witrynie.',
  formUnverified:
    'Nie udało się zweryfikować tego formularza dla tej strony. Odśwież stronę i wyślij komentarz ponownie.',
  formExpired: {
    one: 'Ten formularz był otwarty dłużej niż {n} godzinę, więc został odnowiony. Wyślij komentarz ponownie.',
    few: 'Ten formularz był otwarty dłużej niż {n} godziny, więc został odnowiony. Wyślij komentarz ponownie.',
    many: 'Ten formularz był otwarty dłużej niż {n} godzin, więc został odnowiony. Wyślij komentarz ponownie.',
    other:
      'Ten formularz był otwarty dłużej niż {n} godziny, więc został odnowiony. Wyślij komentarz ponownie.',
  },
  tooFast: {
    one: 'Tak szybko nikt nie zdąży napisać komentarza. Odczekaj {n} sekundę i wyślij go ponownie.',
    few: 'Tak szybko nikt nie zdąży napisać komentarza. Odczekaj {n} sekundy i wyślij go ponownie.',
    many: 'Tak szybko nikt nie zdąży napisać komentarza. Odczekaj {n} sekund i wyślij go ponownie.',
    other:
      'Tak szybko nikt nie zdąży napisać komentarza. Odczekaj {n} sekundy i wyślij go ponownie.',
  },
  flood: {
    one: 'Wysyłasz komentarze zbyt szybko. Odczekaj {n} sekundę przed wysłaniem kolejnego.',
    few: 'Wysyłasz komentarze zbyt szybko. Odczekaj {n} sekundy przed wysłaniem kolejnego.',
    many: 'Wysyłasz komentarze zbyt szybko. Odczekaj {n} sekund przed wysłaniem kolejnego.',
    other: 'Wysyłasz komentarze zbyt szybko. Odczekaj {n} sekundy przed wysłaniem kolejnego.',
  },
  rateLimited: {
    one: 'Zbyt wiele żądań z Twojego połączenia. Spróbuj ponownie za {n} sekundę.',
    few: 'Zbyt wiele żądań z Twojego połączenia. Spróbuj ponownie za {n} sekundy.',
    many: 'Zbyt wiele żądań z Twojego połączenia. Spróbuj ponownie za {n} sekund.',
    other: 'Zbyt wiele żądań z Twojego połączenia. Spróbuj ponownie za {n} sekundy.',
  },
  duplicate: 'Taki komentarz już tu jest: wygląda na to, że ta sama treść została już wysłana!',
  challengeRequired:
    'Zanim ten komentarz zostanie przyjęty, Twoja przeglądarka musi rozwiązać krótkie zadanie chroniące przed spamem. Wyślij go ponownie z rozwiązaniem.',
  challengeInvalid:
    'Zadanie antyspamowe wysłane z tym komentarzem jest nieprawidłowe. Wyślij komentarz ponownie.',
  challengeUsed:
    'Zadanie antyspamowe wysłane z tym komentarzem zostało już użyte. Wyślij komentarz ponownie.',
  challengeExpired:
    'Zadanie antyspamowe wysłane z tym komentarzem wygasło. Wyślij komentarz ponownie.',
  blocked:
    'Nie można przyjąć tego komentarza: pasuje do listy słów, adresów lub sieci zablokowanych w tej witrynie.',
  notYourComment: 'Ten komentarz można zmienić tylko w przeglądarce, z której został wysłany.',
  editWindowClosed: {
    one: 'Komentarze można edytować lub usuwać tylko w ciągu {n} minuty od wysłania. Jeśli trzeba coś zmienić, poproś o to właściciela strony.',
    few: 'Komentarze można edytować lub usuwać tylko w ciągu {n} minut od wysłania. Jeśli trzeba coś zmienić, poproś o to właściciela strony.',
    many: 'Komentarze można edytować lub usuwać tylko w ciągu {n} minut od wysłania. Jeśli trzeba coś zmienić, poproś o to właściciela strony.',
    other:
      'Komentarze można edytować lub usuwać tylko w ciągu {n} minuty od wysłania. Jeśli trzeba coś zmienić, poproś o to właściciela strony.',
  },
  notUtf8: 'Wysyłaj JSON w UTF-8; to żądanie podaje kodowanie {charset}.',
  storageUnavailable:
    'Nie można teraz zapisać komentarzy: magazyn danych serwera jest niedostępny. Spróbuj ponownie za kilka minut.',
  bodyTooLarge: 'Żądanie jest większe niż {n} KB.',
  notJson: 'Wyślij treść żądania jako JSON, z nagłówkiem „Content-Type: application/json”.',
  emptyBody: 'Treść żądania jest pusta.',
  invalidJson: 'Treść żądania nie jest poprawnym JSON-em.',
  badUrl: 'Adres tego żądania jest nieprawidłowy.',
  urlPartTooLong: 'Część tego adresu jest za długa.',
  notFound: 'Pod {method} {url} nic nie ma.',
  serverError: 'Na serwerze coś poszło nie tak. Spróbuj ponownie.',

  fieldRequired: 'To pole jest wymagane.',
  fieldTooLong: {
    one: 'Może mieć najwyżej {n} znak.',
    few: 'Może mieć najwyżej {n} znaki.',
    many: 'Może mieć najwyżej {n} znaków.',
    other: 'Może mieć najwyżej {n} znaku.',
  },
  fieldTooShort: {
    one: 'Musi mieć co najmniej {n} znak.',
    few: 'Musi mieć co najmniej {n} znaki.',
    many: 'Musi mieć co najmniej {n} znaków.',
    other: 'Musi mieć co najmniej {n} znaku.',
  },
  fieldEmpty: 'Nie może być puste.',
  fieldWrongType: 'Ma niewłaściwy typ.',
  fieldBelowMinimum: 'Musi wynosić co najmniej {n}.',
  fieldAboveMaximum: 'Może wynosić najwyżej {n}.',
  fieldTooManyItems: {
    one: 'Może mieć najwyżej {n} element.',
    few: 'Może mieć najwyżej {n} elementy.',
    many: 'Może mieć najwyżej {n} elementów.',
    other: 'Może mieć najwyżej {n} elementu.',
  },
  fieldNotAllowed: 'Nie jest żadną z dozwolonych wartości.',
  fieldWholeNumber: 'Musi być liczbą całkowitą.',
  fieldInvalid: 'Jest nieprawidłowe.',
  pageUrlInvalid: 'Adres strony musi być adresem URL http(s).',
  parentNotReplyable: 'Na ten komentarz nie można odpowiedzieć.',
  cursorInvalid: 'To nie jest kursor z poprzedniej strony.',
  cursorOtherOrder:
    'Ten kursor kontynuuje komentarze w kolejności sort={was}, a nie sort={asked}: zacznij od pierwszej strony.',
  countsTooMany: {
    one: 'Pytaj naraz o najwyżej {n} stronę.',
    few: 'Pytaj naraz o najwyżej {n} strony.',
    many: 'Pytaj naraz o najwyżej {n} stron.',
    other: 'Pytaj naraz o najwyżej {n} strony.',
  },
  countsNotUrl: '„{url}” nie jest adresem URL http(s).',
  feedUrlMissing: 'Podaj adres strony, której komentarze chcesz obserwować.',
  feedSiteMissing: 'Albo podaj źródło (origin) witryny, której komentarze chcesz obserwować.',
  feedOneOf: 'Podaj url (adres strony) albo site (źródło witryny), ale nie oba naraz.',
  feedSiteNotOrigin: 'Witrynę podaj jako źródło (origin), np. https://blog.example.com.',

  confirmSubject: 'Potwierdź: e-maile o odpowiedziach na Twoje komentarze',
  confirmIntro:
    'Otrzymaliśmy prośbę o powiadamianie Cię e-mailem, gdy ktoś odpowie na Twój komentarz do wpisu „{title}”.',
  confirmAsk:
    'Potwierdź, że to Twój adres; dopóki tego nie zrobisz, nie dostaniesz takich e-maili:',
  confirmLink: 'Potwierdź mój adres',
  confirmIgnore:
    'Jeśli to nie Ty, zignoruj tę wiadomość. Aby nigdy nie dostawać od nas wiadomości, wypisz się:',
  replySubject: 'Nowa odpowiedź na Twój komentarz do wpisu „{title}”',
  replyIntro: '{name} odpowiada na Twój komentarz do wpisu „{title}”:',
  replyRead: 'Przeczytaj na stronie',
  replyYourComment: 'Twój komentarz:',
  replyWhy:
    'Dostajesz tę wiadomość, ponieważ chcesz otrzymywać e-maile o odpowiedziach na Twoje komentarze.',
  unsubscribeLink: 'Wypisz się',

  linkNotValidTitle: 'Ten link jest nieprawidłowy',
  linkNotValidText: 'Sprawdź, czy w pasku adresu jest cały adres z wiadomości.',
  confirmPageTitle: 'Potwierdź swój adres',
  confirmPageText:
    'Wtedy wyślemy Ci e-mail, gdy ktoś odpowie na komentarz, o którym chcesz dostawać powiadomienia.',
  confirmPageButton: 'Potwierdź',
  confirmedPageTitle: 'Twój adres został potwierdzony',
  confirmedPageText:
    'Dostaniesz e-mail, gdy ktoś odpowie na Twój komentarz. Każda taka wiadomość zawiera link do wypisania się.',
  unsubscribePageTitle: 'Wypisać się?',
  unsubscribePageText:
    'Potem nie wyślemy już żadnych wiadomości na Twój adres: ani odpowiedzi, ani potwierdzeń.',
  unsubscribePageButton: 'Wypisz się',
  unsubscribedPageTitle: 'Twój adres został wypisany',
  unsubscribedPageText: 'Nie wysyłamy już żadnych wiadomości na Twój adres.',
  verificationOff:
    'Ten serwer komentarzy nie wysyła e-maili, więc nie może weryfikować adresów e-mail.',
  verifySubject: 'Zweryfikuj swój adres e-mail',
  verifyIntro:
    'Ktoś, zapewne Ty, poprosił o weryfikację tego adresu dla komentarzy w {site}. Po weryfikacji Twoje komentarze z tej przeglądarki będą oznaczone jako zweryfikowane, a komentarze, które inni opublikują z Twoim adresem, poczekają na moderację.',
  verifyAsk: 'Aby go zweryfikować, otwórz ten link w ciągu tygodnia; działa jeden raz:',
  verifyLink: 'Zweryfikuj mój adres',
  verifyIgnore: 'Jeśli to nie Ty, zignoruj tę wiadomość: nic się nie zmieni.',
  verifyPageTitle: 'Zweryfikuj swój adres e-mail',
  verifyPageText:
    'Twoje komentarze z tym adresem z przeglądarki, która o to poprosiła, będą oznaczone jako zweryfikowane.',
  verifyPageButton: 'Zweryfikuj',
  verifiedPageTitle: 'Twój adres jest zweryfikowany',
  verifiedPageText:
    'Twoje komentarze z tym adresem z tej przeglądarki są teraz oznaczone jako zweryfikowane.',
  verifyGoneTitle: 'Ten link już nie działa',
  verifyGoneText:
    'Został już użyty albo ma ponad tydzień. Aby zweryfikować adres, poproś o to ponownie w formularzu komentarza.',
};
