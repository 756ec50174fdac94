package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// StartsWithAction reports whether a step's title names an action, in English or in lang
// (German, French or Spanish; "" or "en" is English alone):
//
//   - English: the first word is an action verb ("Write the intro").
//   - German: the first word is an imperative or infinitive ("Schreib den Bericht",
//     "Anrufen: Zahnarzt"), or, as German to-do lists are written, the last word is an
//     infinitive ("Bericht schreiben", "Steuererklärung abgeben"). German writes every noun
//     with a capital, so a lower-case last word in -en, -ern or -eln is a verb.
//   - French and Spanish: the first word is an infinitive or an imperative ("Appeler Marie",
//     "Écris la préface", "Llamar a Ana", "Envía la factura"). Infinitives are told by their
//     endings (-er, -ir, -re; -ar, -er, -ir) less a list of common nouns that end alike.
func StartsWithAction(title, lang string) bool {
	words := strings.Fields(title)
	if len(words) == 0 {
		return false
	}
	first := strings.ToLower(trimWord(words[0]))
	if _, ok := actionVerbs[first]; ok {
		return true
	}
	switch lang {
	case LangGerman:
		if _, ok := germanVerbs[first]; ok || germanInfinitive(first) && !germanNotVerbs[first] {
			return true
		}
		last := trimWord(words[len(words)-1])
		if r, _ := utf8.DecodeRuneInString(last); len(words) > 1 && unicode.IsLower(r) {
			_, known := germanVerbs[last]
			return known || germanInfinitive(last) && !germanNotVerbs[last]
		}
	case LangFrench:
		if _, ok := frenchVerbs[first]; ok {
			return true
		}
		return hasSuffix(first, "er", "ir", "re") && !frenchNotVerbs[first]
	case LangSpanish:
		if _, ok := spanishVerbs[first]; ok {
			return true
		}
		first = strings.TrimSuffix(strings.TrimSuffix(first, "lo"), "le") // "Llamarle", "Enviarlo"
		return hasSuffix(first, "ar", "er", "ir") && !spanishNotVerbs[first]
	}
	return false
}

func hasSuffix(w string, suffixes ...string) bool {
	if utf8.RuneCountInString(w) < 4 {
		return false
	}
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

func germanInfinitive(w string) bool { return hasSuffix(w, "en", "ern", "eln") }

func wordSet(list string) map[string]struct{} {
	m := make(map[string]struct{})
	for _, w := range strings.Fields(list) {
		m[w] = struct{}{}
	}
	return m
}

func boolSet(list string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// German imperatives (du and ihr forms; the Sie form is the infinitive) of verbs a step
// starts with, and the few infinitives whose ending the rule does not catch ("tun", "sein").
var germanVerbs = wordSet(`tun sein
	schreib schreibe ruf rufe lies lest mach mache macht plan plane schick schicke sende send bestell
	bestelle buch buche bezahl bezahle zahl zahle kauf kaufe lern lerne üb übe übt prüf prüfe
	prüft frag frage antworte beantworte erledige erledigt räum räume putz putze koch koche lauf
	laufe geh gehe fahr fahre hol hole bring bringe besorg besorge erstell erstelle entwirf
	überarbeite lese korrigiere teste test melde melden vereinbare triff treffe sprich
	sprecht ordne sortiere reiche gib nimm trag trage füll fülle unterschreib unterschreibe
	kündige beantrage speichere sichere installiere aktualisiere repariere wasch wasche
	mal male zeichne übersetze recherchiere notiere fass fasse schließ schließe öffne starte
	beende fang fange iss trink trinke schlaf schlafe meditiere tanze sing singe spiel spiele
	denk denke miss messe wiege zähl zähle räume pack packe versende verschick verschicke`)

// Lower-case German words in -en that are not verbs: determiners, pronouns and adverbs a
// title may end on ("… für den Chef", "… mit allen").
var germanNotVerbs = boolSet(`den einen keinen meinen deinen seinen ihren unseren euren diesen jenen
	allen vielen wenigen beiden anderen ersten letzten nächsten morgen oben unten neben zwischen
	binnen trotzen wegen gegen entgegen eben selten gestern heuer daneben außen innen hinten vorn
	vorne drüben eigenen ganzen halben kleinen großen guten neuen alten offenen`)

// French imperatives (tu and vous forms) of verbs a step starts with, and infinitives the
// endings miss ("faire" is caught, "voir" too; "lire", "dire" too short for the rule).
var frenchVerbs = wordSet(`lire dire rire
	écris écrivez appelle appelez envoie envoyez fais faites lis lisez achète achetez paie payez
	paye réserve réservez prépare préparez finis finissez termine terminez commence commencez
	range rangez nettoie nettoyez cours courez va allez mange mangez bois buvez vérifie vérifiez
	relis relisez corrige corrigez réponds répondez demande demandez contacte contactez rédige
	rédigez note notez planifie planifiez organise organisez trie triez révise révisez apprends
	apprenez étudie étudiez prends prenez mets mettez remplis remplissez signe signez imprime
	imprimez envoie télécharge téléchargez installe installez mets écoute écoutez regarde
	regardez cuisine cuisinez marche marchez nage nagez dors dormez médite méditez appelle rends
	rendez renvoie renvoyez passe passez pose posez publie publiez teste testez mesure mesurez`)

// Common French nouns and adjectives that end like infinitives.
var frenchNotVerbs = boolSet(`dossier premier première dernier dernière hier cahier papier fichier
	plaisir avenir soir désir loisir menuir métier chantier quartier atelier courrier
	calendrier janvier février clavier panier dîner déjeuner goûter super cher fer mer hiver
	hôtel sentier entier ouvrier officier pompier boucher boulanger banquier policier
	escalier grenier rosier poirier pommier acier léger étranger danger cuir espoir devoir
	pouvoir savoir couloir miroir trottoir tiroir comptoir rasoir mouchoir livre autre notre
	votre centre lettre titre chiffre ordre chapitre rencontre semestre trimestre être
	propre libre pauvre sucre théâtre cadre membre nombre genre légume rythme`)

// Spanish imperatives (tú and usted forms) of verbs a step starts with.
var spanishVerbs = wordSet(`escribe escriba llama llame envía envíe envia haz haga lee lea compra compre
	paga pague reserva reserve prepara prepare termina termine empieza empiece ordena ordene
	limpia limpie corre corra ve vaya come coma bebe beba revisa revise corrige corrija responde
	responda pregunta pregunte contacta contacte redacta redacte anota anote planifica planifique
	organiza organice estudia estudie aprende aprenda toma tome pon ponga rellena rellene firma
	firme imprime imprima descarga descargue instala instale escucha escuche mira mire cocina
	cocine camina camine nada nade duerme duerma medita medite devuelve devuelva pasa pase
	publica publique prueba pruebe mide mida sal salga di diga ven venga trae traiga busca busque
	llámale llámala envíalo hazlo`)

// Common Spanish nouns and adjectives that end like infinitives.
var spanishNotVerbs = boolSet(`lugar hogar mujer ayer placer taller poder deber ser militar
	dólar azúcar altar collar familiar popular particular similar regular celular auxiliar
	exterior interior anterior posterior superior inferior mayor menor mejor peor color calor
	amor dolor valor señor doctor profesor autor actor motor sector error favor humor sabor
	olor alrededor exterior cualquier mar bar par sur amanecer atardecer alquiler`)
