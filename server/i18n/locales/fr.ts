/**
 * The server's texts for readers in French, with the "vous" of the widget's French texts and
 * the same spacing: a no-break space before a colon and inside « », a narrow one before ? and !.
 */
import type { ServerWords } from '../en.ts';

export const words: ServerWords = {
  invalidInput: 'Veuillez corriger les champs signalés.',
  siteNotAllowed:
    'Ce serveur de commentaires n’accepte pas de commentaires pour les pages de {origin}. Le propriétaire du site peut ajouter cette origine à SITE_ORIGINS.',
  parentNotFound:
    'Le commentaire auquel vous répondez n’existe pas sur cette page (il a peut-être été supprimé).',
  commentNotFound: 'Il n’existe aucun commentaire portant le numéro {id}.',
  feedNotFound:
    'Ce serveur de commentaires ne conserve aucun commentaire pour les pages de {origin} et n’en propose donc aucun flux.',
  commentsClosed: 'Les commentaires sont fermés sur cette page.',
  notShown: 'Il n’existe aucun commentaire portant le numéro {id} auquel donner un « J’aime ».',
  likesOff: 'Les « J’aime » sur les commentaires sont désactivés sur ce site.',
  formUnverified:
    'Ce formulaire n’a pas pu être vérifié pour cette page. Veuillez recharger la page et publier à nouveau votre commentaire.',
  // French counts 0 with 1, and writes "de" after a round million: every form shows the number.
  formExpired: {
    one: 'Ce formulaire est resté ouvert plus de {n} heure, il a donc été renouvelé. Veuillez publier à nouveau votre commentaire.',
    many: 'Ce formulaire est resté ouvert plus de {n} d’heures, il a donc été renouvelé. Veuillez publier à nouveau votre commentaire.',
    other:
      'Ce formulaire est resté ouvert plus de {n} heures, il a donc été renouvelé. Veuillez publier à nouveau votre commentaire.',
  },
  tooFast: {
    one: 'Personne ne peut écrire un commentaire aussi vite. Veuillez attendre {n} seconde avant de le publier à nouveau.',
    many: 'Personne ne peut écrire un commentaire aussi vite. Veuillez attendre {n} de secondes avant de le publier à nouveau.',
    other:
      'Personne ne peut écrire un commentaire aussi vite. Veuillez attendre {n} secondes avant de le publier à nouveau.',
  },
  flood: {
    one: 'Vous publiez des commentaires trop rapidement. Veuillez attendre {n} seconde avant d’en publier un autre.',
    many: 'Vous publiez des commentaires trop rapidement. Veuillez attendre {n} de secondes avant d’en publier un autre.',
    other:
      'Vous publiez des commentaires trop rapidement. Veuillez attendre {n} secondes avant d’en publier un autre.',
  },
  rateLimited: {
    one: 'Trop de requêtes depuis votre connexion. Veuillez réessayer dans {n} seconde.',
    many: 'Trop de requêtes depuis votre connexion. Veuillez réessayer dans {n} de secondes.',
    other: 'Trop de requêtes depuis votre connexion. Veuillez réessayer dans {n} secondes.',
  },
  duplicate:
    'Ce commentaire est un doublon : vous semblez avoir déjà dit exactement la même chose !',
  challengeRequired:
    'Avant que ce commentaire soit accepté, votre navigateur doit résoudre une courte vérification anti-spam. Veuillez l’envoyer de nouveau avec la solution.',
  challengeInvalid:
    'La vérification anti-spam envoyée avec ce commentaire n’est pas valide. Veuillez envoyer votre commentaire de nouveau.',
  challengeUsed:
    'La vérification anti-spam envoyée avec ce commentaire a déjà été utilisée. Veuillez envoyer votre commentaire de nouveau.',
  challengeExpired:
    'La vérification anti-spam envoyée avec ce commentaire a expiré. Veuillez envoyer votre commentaire de nouveau.',
  blocked:
    'Ce commentaire ne peut pas être accepté : il correspond à la liste des mots, adresses ou réseaux bloqués par le site.',
  notYourComment:
    'Ce commentaire ne peut être modifié que depuis le navigateur avec lequel il a été publié.',
  editWindowClosed: {
    one: 'Les commentaires ne peuvent être modifiés ou supprimés que dans un délai de {n} minute après leur publication. Adressez-vous au propriétaire du site si une modification est nécessaire.',
    many: 'Les commentaires ne peuvent être modifiés ou supprimés que dans un délai de {n} de minutes après leur publication. Adressez-vous au propriétaire du site si une modification est nécessaire.',
    other:
      'Les commentaires ne peuvent être modifiés ou supprimés que dans un délai de {n} minutes après leur publication. Adressez-vous au propriétaire du site si une modification est nécessaire.',
  },
  notUtf8: 'Envoyez le JSON en UTF-8 : cette requête indique l’encodage {charset}.',
  storageUnavailable:
    'Les commentaires ne peuvent pas être enregistrés pour le moment : le stockage du serveur est indisponible. Veuillez réessayer dans quelques minutes.',
  // "Ko" (kilo-octet) is how French writes the unit English writes "KB".
  bodyTooLarge: 'La requête dépasse {n} Ko.',
  notJson: 'Envoyez le corps de la requête en JSON, avec « Content-Type: application/json ».',
  emptyBody: 'Le corps de la requête est vide.',
  invalidJson: 'Le corps de la requête n’est pas un JSON valide.',
  badUrl: 'L’adresse de cette requête est mal formée.',
  urlPartTooLong: 'Une partie de cette adresse est trop longue.',
  notFound: 'Il n’y a rien à {method} {url}.',
  serverError: 'Une erreur s’est produite sur le serveur. Veuillez réessayer.',

  fieldRequired: 'Ce champ est obligatoire.',
  fieldTooLong: {
    one: 'Ne doit pas dépasser {n} caractère.',
    many: 'Ne doit pas dépasser {n} de caractères.',
    other: 'Ne doit pas dépasser {n} caractères.',
  },
  fieldTooShort: {
    one: 'Doit contenir au moins {n} caractère.',
    many: 'Doit contenir au moins {n} de caractères.',
    other: 'Doit contenir au moins {n} caractères.',
  },
  fieldEmpty: 'Ne doit pas être vide.',
  fieldWrongType: 'N’est pas du bon type.',
  fieldBelowMinimum: 'Doit être supérieur ou égal à {n}.',
  fieldAboveMaximum: 'Doit être inférieur ou égal à {n}.',
  fieldTooManyItems: {
    one: 'Ne doit pas contenir plus de {n} élément.',
    many: 'Ne doit pas contenir plus de {n} d’éléments.',
    other: 'Ne doit pas contenir plus de {n} éléments.',
  },
  fieldNotAllowed: 'Ne fait pas partie des valeurs autorisées.',
  fieldWholeNumber: 'Doit être un nombre entier.',
  fieldInvalid: 'N’est pas valide.',
  pageUrlInvalid: 'L’adresse de la page doit être une URL http(s).',
  parentNotReplyable: 'Il n’est pas possible de répondre à ce commentaire.',
  cursorInvalid: 'Ce n’est pas un curseur fourni par une page précédente.',
  cursorOtherOrder:
    'Ce curseur poursuit les commentaires dans l’ordre sort={was}, et non sort={asked} : recommencez à partir de la première page.',
  countsTooMany: {
    one: 'Demandez au plus {n} page à la fois.',
    many: 'Demandez au plus {n} de pages à la fois.',
    other: 'Demandez au plus {n} pages à la fois.',
  },
  countsNotUrl: '« {url} » n’est pas une URL http(s).',
  feedUrlMissing: 'Indiquez l’adresse de la page dont vous voulez suivre les commentaires.',
  feedSiteMissing: 'Ou indiquez l’origine du site dont vous voulez suivre les commentaires.',
  feedOneOf:
    'Indiquez soit url (l’adresse d’une page), soit site (une origine), mais pas les deux.',
  feedSiteNotOrigin: 'Le site doit être une origine, comme https://blog.example.com.',

  confirmSubject: 'Veuillez confirmer : e-mails sur les réponses à vos commentaires',
  confirmIntro:
    'Vous avez demandé à recevoir un e-mail lorsque quelqu’un répond à votre commentaire sur « {title} ».',
  confirmAsk:
    'Veuillez confirmer qu’il s’agit bien de votre adresse. D’ici là, vous ne recevrez aucun e-mail de ce type :',
  confirmLink: 'Confirmer mon adresse',
  confirmIgnore:
    'Si ce n’était pas vous, ignorez cet e-mail. Pour ne plus jamais recevoir d’e-mails de notre part, désabonnez-vous :',
  replySubject: 'Nouvelle réponse à votre commentaire sur « {title} »',
  replyIntro: '{name} a répondu à votre commentaire sur « {title} » :',
  replyRead: 'Lire la réponse sur la page',
  replyYourComment: 'Votre commentaire :',
  replyWhy:
    'Vous recevez cet e-mail parce que vous avez demandé à recevoir des e-mails sur les réponses à vos commentaires.',
  unsubscribeLink: 'Se désabonner',

  linkNotValidTitle: 'Ce lien n’est pas valide',
  linkNotValidText:
    'Veuillez vérifier que l’adresse complète figurant dans l’e-mail se trouve bien dans la barre d’adresse.',
  confirmPageTitle: 'Confirmez votre adresse',
  confirmPageText:
    'Nous vous enverrons alors un e-mail lorsque quelqu’un répondra à un commentaire pour lequel vous avez demandé à recevoir des notifications.',
  confirmPageButton: 'Confirmer',
  confirmedPageTitle: 'Votre adresse est confirmée',
  confirmedPageText:
    'Vous recevrez un e-mail lorsque quelqu’un répondra à votre commentaire. Chacun de ces e-mails contient un lien pour vous désabonner.',
  unsubscribePageTitle: 'Se désabonner ?',
  unsubscribePageText:
    'Après cela, nous n’enverrons plus aucun e-mail à votre adresse : ni réponses, ni confirmations.',
  unsubscribePageButton: 'Se désabonner',
  // A heading that names no one, since French would have to give the reader a gender.
  unsubscribedPageTitle: 'Désabonnement effectué',
  unsubscribedPageText: 'Nous n’enverrons plus aucun e-mail à votre adresse.',
  verificationOff:
    'Ce serveur de commentaires n’envoie pas d’e-mails : il ne peut donc pas vérifier d’adresse e-mail.',
  verifySubject: 'Veuillez vérifier votre adresse e-mail',
  verifyIntro:
    'Quelqu’un, vous sans doute, a demandé à vérifier cette adresse pour les commentaires sur {site}. Une fois vérifiée, vos commentaires depuis ce navigateur seront marqués comme vérifiés, et ceux que d’autres publient avec votre adresse attendront la modération.',
  verifyAsk: 'Pour la vérifier, ouvrez ce lien d’ici une semaine ; il ne sert qu’une fois :',
  verifyLink: 'Vérifier mon adresse',
  verifyIgnore: 'Si ce n’était pas vous, ignorez cet e-mail : rien ne change.',
  verifyPageTitle: 'Vérifiez votre adresse e-mail',
  verifyPageText:
    'Vos commentaires avec cette adresse depuis le navigateur qui l’a demandé seront marqués comme vérifiés.',
  verifyPageButton: 'Vérifier',
  verifiedPageTitle: 'Votre adresse est vérifiée',
  verifiedPageText:
    'Vos commentaires avec cette adresse depuis ce navigateur sont désormais marqués comme vérifiés.',
  verifyGoneTitle: 'Ce lien ne fonctionne plus',
  verifyGoneText:
    'Il a déjà servi, ou il date de plus d’une semaine. Pour vérifier votre adresse, refaites la demande depuis le formulaire de commentaire.',
};
