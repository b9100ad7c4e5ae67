/** The server's texts for readers in Spanish, with the "tú" of the widget's Spanish texts. */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: 'Corrige los campos marcados.',
  siteNotAllowed:
    'Este servidor de comentarios no acepta comentarios para páginas de {origin}. El responsable del sitio puede añadir ese origen a SITE_ORIGINS.',
  parentNotFound:
    'El comentario al que respondes no existe en esta página (puede que se haya eliminado).',
  commentNotFound: 'No hay ningún comentario con el número {id}.',
  feedNotFound:
    'Este servidor de comentarios no guarda comentarios de páginas de {origin}, así que no tiene ningún feed de ellos.',
  commentsClosed: 'Los comentarios están cerrados en esta página.',
  notShown: 'No hay ningún comentario con el número {id} al que dar «Me gusta».',
  likesOff: 'Los «Me gusta» en los comentarios están desactivados en este sitio.',
  formUnverified:
    'No se ha podido verificar este formulario para esta página. Vuelve a cargar la página y publica tu comentario de nuevo.',
  // Spanish writes "de" after a round million ("1.000.000 de horas"): that is the `many` form.
  formExpired: {
    one: 'Este formulario ha estado abierto más de {n} hora, así que se ha renovado. Vuelve a publicar tu comentario.',
    many: 'Este formulario ha estado abierto más de {n} de horas, así que se ha renovado. Vuelve a publicar tu comentario.',
    other:
      'Este formulario ha estado abierto más de {n} horas, así que se ha renovado. Vuelve a publicar tu comentario.',
  },
  tooFast: {
    one: 'Nadie puede escribir un comentario tan rápido. Espera {n} segundo y vuelve a publicarlo.',
    many: 'Nadie puede escribir un comentario tan rápido. Espera {n} de segundos y vuelve a publicarlo.',
    other:
      'Nadie puede escribir un comentario tan rápido. Espera {n} segundos y vuelve a publicarlo.',
  },
  flood: {
    one: 'Estás publicando comentarios demasiado deprisa. Espera {n} segundo antes de publicar otro.',
    many: 'Estás publicando comentarios demasiado deprisa. Espera {n} de segundos antes de publicar otro.',
    other:
      'Estás publicando comentarios demasiado deprisa. Espera {n} segundos antes de publicar otro.',
  },
  rateLimited: {
    one: 'Demasiadas solicitudes desde tu conexión. Inténtalo de nuevo dentro de {n} segundo.',
    many: 'Demasiadas solicitudes desde tu conexión. Inténtalo de nuevo dentro de {n} de segundos.',
    other: 'Demasiadas solicitudes desde tu conexión. Inténtalo de nuevo dentro de {n} segundos.',
  },
  duplicate: 'Este comentario está repetido: ¡parece que ya habías escrito exactamente lo mismo!',
  challengeRequired:
    'Antes de aceptar este comentario, tu navegador debe resolver una breve comprobación contra el spam. Envíalo de nuevo con la solución.',
  challengeInvalid:
    'La comprobación contra el spam enviada con este comentario no es válida. Envía tu comentario de nuevo.',
  challengeUsed:
    'La comprobación contra el spam enviada con este comentario ya se usó. Envía tu comentario de nuevo.',
  challengeExpired:
    'La comprobación contra el spam enviada con este comentario ha caducado. Envía tu comentario de nuevo.',
  blocked:
    'No se puede aceptar este comentario: coincide con la lista de palabras, direcciones o redes bloqueadas del sitio.',
  notYourComment: 'Este comentario solo se puede cambiar desde el navegador con el que se publicó.',
  editWindowClosed: {
    one: 'Los comentarios solo se pueden editar o eliminar durante {n} minuto tras su publicación. Si hay que cambiar algo, pídeselo al responsable del sitio.',
    many: 'Los comentarios solo se pueden editar o eliminar durante {n} de minutos tras su publicación. Si hay que cambiar algo, pídeselo al responsable del sitio.',
    other:
      'Los comentarios solo se pueden editar o eliminar durante {n} minutos tras su publicación. Si hay que cambiar algo, pídeselo al responsable del sitio.',
  },
  notUtf8: 'Envía JSON en UTF-8; esta solicitud indica que está en {charset}.',
  storageUnavailable:
    'Ahora mismo no se pueden guardar comentarios: el almacenamiento del servidor no está disponible. Inténtalo de nuevo dentro de unos minutos.',
  bodyTooLarge: 'La solicitud ocupa más de {n} KB.',
  notJson: 'Envía el cuerpo de la solicitud como JSON, con «Content-Type: application/json».',
  emptyBody: 'El cuerpo de la solicitud está vacío.',
  invalidJson: 'El cuerpo de la solicitud no es un JSON válido.',
  badUrl: 'La dirección de esta solicitud está mal formada.',
  urlPartTooLong: 'Una parte de esta dirección es demasiado larga.',
  notFound: 'No hay nada en {method} {url}.',
  serverError: 'Algo ha fallado en el servidor. Inténtalo de nuevo.',

  fieldRequired: 'Este campo es obligatorio.',
  fieldTooLong: {
    one: 'No puede tener más de {n} carácter.',
    many: 'No puede tener más de {n} de caracteres.',
    other: 'No puede tener más de {n} caracteres.',
  },
  fieldTooShort: {
    one: 'Debe tener al menos {n} carácter.',
    many: 'Debe tener al menos {n} de caracteres.',
    other: 'Debe tener al menos {n} caracteres.',
  },
  fieldEmpty: 'No puede estar vacío.',
  fieldWrongType: 'Es de un tipo incorrecto.',
  fieldBelowMinimum: 'Debe ser mayor o igual que {n}.',
  fieldAboveMaximum: 'Debe ser menor o igual que {n}.',
  fieldTooManyItems: {
    one: 'No puede tener más de {n} elemento.',
    many: 'No puede tener más de {n} de elementos.',
    other: 'No puede tener más de {n} elementos.',
  },
  fieldNotAllowed: 'No es ninguno de los valores permitidos.',
  fieldWholeNumber: 'Debe ser un número entero.',
  fieldInvalid: 'No es válido.',
  pageUrlInvalid: 'La dirección de la página debe ser una URL http(s).',
  parentNotReplyable: 'No se puede responder a este comentario.',
  cursorInvalid: 'Este no es un cursor de una página anterior.',
  cursorOtherOrder:
    'Este cursor continúa los comentarios en el orden sort={was}, no sort={asked}: vuelve a empezar desde la primera página.',
  countsTooMany: {
    one: 'Pide como máximo {n} página a la vez.',
    many: 'Pide como máximo {n} de páginas a la vez.',
    other: 'Pide como máximo {n} páginas a la vez.',
  },
  countsNotUrl: '«{url}» no es una URL http(s).',
  feedUrlMissing: 'Indica la dirección de la página cuyos comentarios quieres seguir.',
  feedSiteMissing: 'O indica el origen del sitio cuyos comentarios quieres seguir.',
  feedOneOf: 'Indica url (la dirección de una página) o site (un origen), pero no ambos.',
  feedSiteNotOrigin: 'El sitio debe ser un origen, como https://blog.example.com.',

  confirmSubject: 'Confirma tu dirección: correos sobre respuestas a tus comentarios',
  confirmIntro:
    'Has pedido que te avisemos por correo electrónico cuando alguien responda a tu comentario en «{title}».',
  confirmAsk:
    'Confirma que esta es tu dirección; hasta que lo hagas, no recibirás ningún correo de este tipo:',
  confirmLink: 'Confirmar mi dirección',
  confirmIgnore:
    'Si no has sido tú, ignora este correo. Para no recibir nunca ningún correo nuestro, cancela la suscripción:',
  replySubject: 'Nueva respuesta a tu comentario en «{title}»',
  replyIntro: '{name} ha respondido a tu comentario en «{title}»:',
  replyRead: 'Leer la respuesta en la página',
  replyYourComment: 'Tu comentario:',
  replyWhy:
    'Recibes este correo porque has pedido recibir correos sobre las respuestas a tus comentarios.',
  unsubscribeLink: 'Cancelar suscripción',

  linkNotValidTitle: 'Este enlace no es válido',
  linkNotValidText:
    'Comprueba que en la barra de direcciones esté la dirección completa que aparece en el correo.',
  confirmPageTitle: 'Confirma tu dirección',
  confirmPageText:
    'A partir de entonces te enviaremos un correo electrónico cuando alguien responda a un comentario del que hayas pedido recibir avisos.',
  confirmPageButton: 'Confirmar',
  confirmedPageTitle: 'Tu dirección está confirmada',
  confirmedPageText:
    'Recibirás un correo electrónico cuando alguien responda a tu comentario. Cada uno de esos correos incluye un enlace para cancelar la suscripción.',
  unsubscribePageTitle: '¿Cancelar la suscripción?',
  unsubscribePageText:
    'Después de esto, no enviaremos más correos a tu dirección: ni respuestas ni confirmaciones.',
  unsubscribePageButton: 'Cancelar suscripción',
  unsubscribedPageTitle: 'Has cancelado la suscripción',
  unsubscribedPageText: 'No enviaremos más correos a tu dirección.',
  verificationOff:
    'Este servidor de comentarios no envía correos, así que no puede verificar direcciones de correo electrónico.',
  verifySubject: 'Verifica tu dirección de correo electrónico',
  verifyIntro:
    'Alguien, seguramente tú, pidió verificar esta dirección para los comentarios en {site}. Una vez verificada, tus comentarios desde ese navegador se marcarán como verificados, y los que otros publiquen con tu dirección esperarán moderación.',
  verifyAsk: 'Para verificarla, abre este enlace antes de una semana; funciona una sola vez:',
  verifyLink: 'Verificar mi dirección',
  verifyIgnore: 'Si no fuiste tú, ignora este correo: no cambia nada.',
  verifyPageTitle: 'Verifica tu dirección de correo electrónico',
  verifyPageText:
    'Tus comentarios con esta dirección desde el navegador que lo pidió se marcarán como verificados.',
  verifyPageButton: 'Verificar',
  verifiedPageTitle: 'Tu dirección está verificada',
  verifiedPageText: 'Tus comentarios con ella desde ese navegador ya se marcan como verificados.',
  verifyGoneTitle: 'Este enlace ya no funciona',
  verifyGoneText:
    'Ya se usó o tiene más de una semana. Para verificar tu dirección, vuelve a pedirlo desde el formulario de comentarios.',
};
