/**
 * The server's texts for readers in Turkish, in the polite "siz" of the reader catalogue. A
 * suffix after a placeholder would have to agree with how the filled-in word is pronounced, so
 * the texts put none there ("{id} numaralı", "{n} KB sınırını").
 */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: 'Lütfen işaretli alanları düzeltin.',
  siteNotAllowed:
    'Bu yorum sunucusu {origin} üzerindeki sayfalar için yorum kabul etmiyor. Site sahibi bu kökeni (origin) SITE_ORIGINS listesine ekleyebilir.',
  parentNotFound: 'Yanıtladığınız yorum bu sayfada yok (kaldırılmış olabilir).',
  commentNotFound: '{id} numaralı bir yorum yok.',
  feedNotFound:
    'Bu yorum sunucusu {origin} üzerindeki sayfalar için yorum saklamıyor, bu yüzden bunlara ait bir akış da yok.',
  commentsClosed: 'Bu sayfa yorumlara kapatıldı.',
  notShown: 'Beğenilecek {id} numaralı bir yorum yok.',
  likesOff: 'Bu sitede yorum beğenme kapalı.',
  formUnverified:
    'Bu form bu sayfa için doğrulanamadı. Lütfen sayfayı yeniden yükleyip yorumunuzu tekrar gönderin.',
  formExpired: {
    one: 'Bu form {n} saatten uzun süre açık kaldığı için yenilendi. Lütfen yorumunuzu tekrar gönderin.',
    other:
      'Bu form {n} saatten uzun süre açık kaldığı için yenilendi. Lütfen yorumunuzu tekrar gönderin.',
  },
  tooFast: {
    one: 'Bu, kimsenin yorum yazamayacağı kadar hızlıydı. Lütfen {n} saniye bekleyip tekrar gönderin.',
    other:
      'Bu, kimsenin yorum yazamayacağı kadar hızlıydı. Lütfen {n} saniye bekleyip tekrar gönderin.',
  },
  flood: {
    one: 'Çok hızlı yorum gönderiyorsunuz. Lütfen tekrar göndermeden önce {n} saniye bekleyin.',
    other: 'Çok hızlı yorum gönderiyorsunuz. Lütfen tekrar göndermeden önce {n} saniye bekleyin.',
  },
  rateLimited: {
    one: 'Bağlantınızdan çok fazla istek geldi. Lütfen {n} saniye sonra tekrar deneyin.',
    other: 'Bağlantınızdan çok fazla istek geldi. Lütfen {n} saniye sonra tekrar deneyin.',
  },
  duplicate: 'Bu yorum zaten var: aynı şeyi daha önce yazmışsınız gibi görünüyor!',
  challengeRequired:
    'Bu yorum kabul edilmeden önce tarayıcınızın spama karşı kısa bir denetimi çözmesi gerekiyor. Lütfen çözümle birlikte yeniden gönderin.',
  challengeInvalid:
    'Bu yorumla gönderilen spam denetimi geçersiz. Lütfen yorumunuzu yeniden gönderin.',
  challengeUsed:
    'Bu yorumla gönderilen spam denetimi zaten kullanılmış. Lütfen yorumunuzu yeniden gönderin.',
  challengeExpired:
    'Bu yorumla gönderilen spam denetiminin süresi doldu. Lütfen yorumunuzu yeniden gönderin.',
  blocked:
    'Bu yorum kabul edilemiyor: sitenin engellenen kelime, adres veya ağ listesine takılıyor.',
  notYourComment: 'Bu yorum yalnızca gönderildiği tarayıcıdan değiştirilebilir.',
  editWindowClosed: {
    one: 'Yorumlar yalnızca gönderildikten sonraki {n} dakika içinde düzenlenebilir veya silinebilir. Bir değişiklik gerekiyorsa site sahibine başvurun.',
    other:
      'Yorumlar yalnızca gönderildikten sonraki {n} dakika içinde düzenlenebilir veya silinebilir. Bir değişiklik gerekiyorsa site sahibine başvurun.',
  },
  notUtf8: 'JSON verisini UTF-8 olarak gönderin; bu istek {charset} kodlamasını belirtiyor.',
  storageUnavailable:
    'Yorumlar şu anda kaydedilemiyor: sunucunun depolama alanına erişilemiyor. Lütfen birkaç dakika sonra tekrar deneyin.',
  bodyTooLarge: 'İstek {n} KB sınırını aşıyor.',
  notJson: 'İstek gövdesini “Content-Type: application/json” başlığıyla JSON olarak gönderin.',
  emptyBody: 'İstek gövdesi boş.',
  invalidJson: 'İstek gövdesi geçerli bir JSON değil.',
  badUrl: 'Bu isteğin adresi hatalı.',
  urlPartTooLong: 'Bu adresin bir bölümü çok uzun.',
  notFound: '{method} {url} adresinde hiçbir şey yok.',
  serverError: 'Sunucuda bir şeyler ters gitti. Lütfen tekrar deneyin.',

  fieldRequired: 'Bu alan zorunludur.',
  fieldTooLong: {
    one: 'En fazla {n} karakter olabilir.',
    other: 'En fazla {n} karakter olabilir.',
  },
  fieldTooShort: {
    one: 'En az {n} karakter olmalıdır.',
    other: 'En az {n} karakter olmalıdır.',
  },
  fieldEmpty: 'Boş olamaz.',
  fieldWrongType: 'Türü yanlış.',
  fieldBelowMinimum: 'En az {n} olmalıdır.',
  fieldAboveMaximum: 'En fazla {n} olabilir.',
  fieldTooManyItems: {
    one: 'En fazla {n} öğe içerebilir.',
    other: 'En fazla {n} öğe içerebilir.',
  },
  fieldNotAllowed: 'İzin verilen değerlerden biri değil.',
  fieldWholeNumber: 'Tam sayı olmalıdır.',
  fieldInvalid: 'Geçerli değil.',
  pageUrlInvalid: 'Sayfa adresi http(s) ile başlayan bir URL olmalıdır.',
  parentNotReplyable: 'Bu yorum yanıtlanamaz.',
  cursorInvalid: 'Bu, önceki bir sayfadan gelen bir imleç değil.',
  cursorOtherOrder:
    'Bu imleç yorumları sort={asked} sıralamasında değil, sort={was} sıralamasında sürdürür: ilk sayfadan yeniden başlayın.',
  countsTooMany: {
    one: 'Tek seferde en fazla {n} sayfa isteyin.',
    other: 'Tek seferde en fazla {n} sayfa isteyin.',
  },
  countsNotUrl: '“{url}” http(s) ile başlayan bir URL değil.',
  feedUrlMissing: 'Yorumlarını takip etmek istediğiniz sayfanın adresini verin.',
  feedSiteMissing: 'Ya da yorumlarını takip etmek istediğiniz sitenin kökenini (origin) verin.',
  feedOneOf: 'Ya url (bir sayfanın adresi) ya da site (bir köken) verin, ikisini birden değil.',
  feedSiteNotOrigin: 'Site bir köken (origin) olmalıdır, örneğin https://blog.example.com.',

  confirmSubject: 'Lütfen onaylayın: yorumlarınıza gelen yanıtlar için e-posta',
  confirmIntro:
    '“{title}” hakkındaki yorumunuza biri yanıt verdiğinde e-postayla haberdar edilmek istediniz.',
  confirmAsk:
    'Lütfen bunun sizin adresiniz olduğunu onaylayın; onaylayana kadar bu tür e-postalar almayacaksınız:',
  confirmLink: 'Adresimi onayla',
  confirmIgnore:
    'Bunu siz istemediyseniz bu e-postayı dikkate almayın. Bizden hiç e-posta almamak için abonelikten çıkın:',
  replySubject: '“{title}” hakkındaki yorumunuza yeni yanıt',
  replyIntro: '{name}, “{title}” hakkındaki yorumunuza yanıt verdi:',
  replyRead: 'Sayfada okuyun',
  replyYourComment: 'Yorumunuz:',
  replyWhy:
    'Yorumlarınıza gelen yanıtlar için e-posta almak istediğinizden bu e-postayı alıyorsunuz.',
  unsubscribeLink: 'Abonelikten çık',

  linkNotValidTitle: 'Bu bağlantı geçerli değil',
  linkNotValidText: 'Lütfen e-postadaki adresin tamamının adres çubuğunda olduğunu kontrol edin.',
  confirmPageTitle: 'Adresinizi onaylayın',
  confirmPageText:
    'Ardından, bildirim istediğiniz bir yoruma biri yanıt verdiğinde size e-posta göndereceğiz.',
  confirmPageButton: 'Onayla',
  confirmedPageTitle: 'Adresiniz onaylandı',
  confirmedPageText:
    'Yorumunuza biri yanıt verdiğinde size e-posta gelecek. Bu e-postaların her birinde abonelikten çıkma bağlantısı bulunur.',
  unsubscribePageTitle: 'Abonelikten çıkılsın mı?',
  unsubscribePageText: 'Bundan sonra adresinize hiç e-posta göndermeyeceğiz: ne yanıt ne de onay.',
  unsubscribePageButton: 'Abonelikten çık',
  unsubscribedPageTitle: 'Abonelikten çıktınız',
  unsubscribedPageText: 'Artık adresinize e-posta göndermiyoruz.',
  verificationOff:
    'Bu yorum sunucusu e-posta göndermiyor, bu yüzden e-posta adreslerini doğrulayamıyor.',
  verifySubject: 'Lütfen e-posta adresini doğrula',
  verifyIntro:
    'Biri, umarız sen, {site} üzerindeki yorumlar için bu adresin doğrulanmasını istedi. Doğrulandıktan sonra o tarayıcıdan yazdığın yorumlar doğrulanmış olarak işaretlenir, başkalarının senin adresinle yazdığı yorumlar ise onay bekler.',
  verifyAsk: 'Doğrulamak için bu bağlantıyı bir hafta içinde aç; yalnızca bir kez çalışır:',
  verifyLink: 'Adresimi doğrula',
  verifyIgnore: 'Bunu sen istemediysen bu e-postayı yok say: hiçbir şey değişmez.',
  verifyPageTitle: 'E-posta adresini doğrula',
  verifyPageText:
    'Bu adresle, isteği gönderen tarayıcıdan yazdığın yorumlar doğrulanmış olarak işaretlenecek.',
  verifyPageButton: 'Doğrula',
  verifiedPageTitle: 'Adresin doğrulandı',
  verifiedPageText:
    'Bu adresle o tarayıcıdan yazdığın yorumlar artık doğrulanmış olarak işaretleniyor.',
  verifyGoneTitle: 'Bu bağlantı artık çalışmıyor',
  verifyGoneText:
    'Daha önce kullanılmış ya da bir haftadan eski. Adresini doğrulamak için yorum formundan yeniden iste.',
};
