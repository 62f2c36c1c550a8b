import type { Lang } from '../../language.js';

/**
 * Evidence for language detection, in normalised form (lower case, no diacritics), because most
 * citizens type Romanian without diacritics and Hungarian often without accents.
 *
 * Words shared by two languages are left out on purpose: "a", "in", "am", "are", "on", "el",
 * "be", "mi", "hat", "care". So are the English words that Romanian and Hungarian messages use
 * every day ("ok", "online", "email", "link", "site", "card", "taxi", "sms") and place names.
 */
interface Lexicon {
  /** Grammar words of everyday questions: one point each. */
  grammar: readonly string[];
  /** City-hall vocabulary in its common forms: one and a half points each. */
  domain: readonly string[];
  /** Greetings, thanks and politeness formulas that only this language uses: two points each. */
  formulas: readonly string[];
  /**
   * Beginnings of city-hall words, for the inflected forms no list can hold (Hungarian stacks
   * suffixes: "polgármesterhez", "igazolványomat"): counted like domain words.
   */
  stems: readonly string[];
}

export const LEXICONS: Record<Lang, Lexicon> = {
  ro: {
    grammar: words(`
      si sa de la cu pe ce cum unde cat cata cati cate cand cine este e sunt ai avem aveti au
      vreau vrea pentru nu o un una unui unei imi ma iti ne va ca din sau dar daca trebuie pot
      poti puteti poate se mai fac face faci facem fi fost eu tu noi voi ea ei ele acest aceasta
      asta acum lui lor ale dupa pana fara despre catre prin intre doar foarte aici acolo azi
      maine ieri tot toate ceva nimic cineva iar deja inca mult multe nou noua vechi meu mea mei
      mele tau nostru noastra dumneavoastra dvs nevoie doresc dori as ar fie eram era ati cumva
      oare mersi undeva costa dureaza depun depune obtin obtine primesc primi platesc plati platit
      facut schimb schimba pierdut expirat nascut mutat vandut cumparat copilul copil mama tata
      sotul sotia casa casei masina masinii terenul apartament apartamentul strada
    `),
    domain: words(`
      buletin buletinul buletinului carte cartea identitate identitatea impozit impozitul
      impozitele impozitului impozite taxa taxe taxele taxei primarie primaria primariei
      primariilor certificat certificatul autorizatie autorizatia autorizatiei autorizatii acte
      actele actul cerere cererea cererii ghiseu ghiseul dosar dosarul nastere nasterii casatorie
      casatoria casatoriei deces decesului cununie cununia divort divortul urbanism construire
      constructie demolare cladire cladiri cladirea teren parcare parcarea abonament abonamentul
      amenda amenzi plata plati platii gunoi salubrizare ajutor ajutorul locuinta locuinte sociala
      alocatie alocatia indemnizatie pasaport pasaportul permis permisul cazier flotant viza
      resedinta domiciliu domiciliul adeverinta adeverinte petitie petitia sesizare reclamatie
      audienta primar primarul programul depunere eliberare eliberat eliberata legalizata copie
      copia formular formularul chitanta dovada termen termenul valabilitate valabil valabila
      duplicat scutire scutiri restituire arbori arbore copac copaci terasa reclama firma
      eveniment inmatriculare radiere vehicul vehiculul masini rezidentiala rezident nomenclatura
      stradala lucrari lucrarilor receptie persoana fizica juridica stare civila evidenta
      persoanelor
    `),
    formulas: words(`
      multumesc multumim salut salutare ziua rog buna dimineata seara revedere neata
    `),
    stems: words(`
      autorizati certificat impozit primari buletin declarati constructi locuint adeverint
      indemnizati casatori inregistr elibera programar
    `),
  },
  en: {
    grammar: words(`
      the to of and for how what where when which who why do does did can could would should will
      i you my me your our we they need want get have has it its this that these with from at by
      an much many long take takes there be been if or not don doesn didn any some about after
      before new lost just also got is was were yes no their here still only way than then apply
      applying pay paying paid renew register moved bought sold born married expired someone
      anyone somebody must cost costs open hours near into out up
    `),
    domain: words(`
      permit permits tax taxes fee fees certificate certificates city hall office documents form
      forms birth marriage death divorce building construction demolition property land parking
      residential fine fines waste garbage housing allowance benefit disability passport driving
      licence license record residence address petition complaint appointment mayor planning
      council identity tree trees terrace event vehicle car registration refund exemption deadline
      valid copy application request stamp home house heating aid child children income
      authorisation authorization cemetery grave street name change owner owners association
      company business
    `),
    formulas: words(`
      thanks thank hello hi please goodbye bye morning evening afternoon
    `),
    stems: words(`
      certificat register authoris authoriz appointment apartment
    `),
  },
  hu: {
    grammar: words(`
      az es hogy hol hogyan mennyi mennyibe mikor milyen mit ki kell kellene kellenek van vannak
      nincs nem igen egy meg ez ezt azt itt ott lehet tudom tudok tudna tudnek kapok kaphatok
      kerul hova hogyha vagy mert csak mar maga onnek jo ugy mint nekem engem nalam enyem sajat uj
      regi mely melyik miert meddig hany hanyas alatt utan elott szerint kozott nelkul soran
      illetve valamint amikor ahol amit ami aki akkor ilyen olyan sok lesz volt vagyok vagyunk
      szeretnem szeretnek akarok kerem kerdes kerdesem kaphat intezhetem igenyelhetek igenyelni
      befizetni beadni benyujtani intezni kiadni lakom koltoztem vettem eladtam szuletett meghalt
      elveszett lejart elvesztettem
    `),
    domain: words(`
      igazolvany igazolvanyt igazolvanyom szemelyi szemelyit ado adot adoja adok engedely
      engedelyt engedelyre engedelyhez hivatal hivatalban hivatalhoz polgarmesteri ugyintezes
      ugyintezo dij dija dijat illetek illeteket okmany okmanyok okmanyt irat iratok iratokat
      lakcim lakcimet anyakonyvi kivonat kivonatot epitesi bontasi parkolas parkolasi berlet
      berletet szuletesi hazassag hazassagi hazassagot valas halotti jogositvany utlevel utlevelet
      kerelem kerelmet kerveny kervenyt igazolas igazolast bizonyitvany bizonyitvanyt telek telket
      epulet haz hazam lakas lakast autot autom gepjarmu birsag birsagot buntetes szemet
      szemetszallitas segely tamogatas lakhatasi fogyatekos panasz panaszt bejelentes peticio
      fogadoora polgarmester polgarmesterrel varosrendezesi hatarido ervenyes masolat nyomtatvany
      ugyfelszolgalat kolozsvar kolozsvaron kolozsvari helyi fak kivagasa terasz rendezveny
    `),
    formulas: words(`
      koszonom koszi koszonjuk szia sziasztok napot kivanok udvozlom viszontlatasra szervusz
      szepen kerlek
    `),
    stems: words(`
      polgarmester igazolvany engedely kerelm anyakonyv szemelyi ugyintez idopont hivatal befizet
      igenyel szuletes hazassag parkolas bejelent nyomtatvany lakcim jogositvany utlevel
      bizonyitvany igazolas
    `),
  },
};

/** Spelling habits that mark a language even in words no list holds: half a point per word. */
export const WORD_SHAPES: Record<Lang, readonly RegExp[]> = {
  // articled and inflected endings: buletinul, orașului, actelor, autorizație (→ autorizatie), eliberează
  ro: [/(?:ul|ului|ilor|elor|tie|tia|tiei|tiile|eaza|easca|esc|ii)$/, /oa/],
  // th, wh-, -ing, -tion, w; a final y that does not close a Hungarian gy/ny/ly
  en: [/th|^wh|ing$|tion$|ck|w/, /[^gnl]y$/],
  // sz, gy, zs, cs, ly inside a word; case endings -ban/-ben/-nak/-nek/-hoz/-hez/-val/-vel/-bol/-rol/-tol/-kor
  hu: [/sz|gy|zs|cs|ly\w/, /(?:ban|ben|nak|nek|hoz|hez|hoz|val|vel|bol|bol|rol|tol|kor|nal|nel)$/],
};

/** Letters only one of the languages writes (before diacritics are folded away). */
export const LETTERS: Record<Exclude<Lang, 'en'>, RegExp> = {
  ro: /[ăâîșțşţ]/iu,
  hu: /[áéíóöőúüűõû]/iu, // õ and û: ő and ű typed on keyboards without them
};

/** Whitespace-separated words. */
function words(list: string): readonly string[] {
  return list.split(/\s+/).filter((word) => word !== '');
}
