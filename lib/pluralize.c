/* pluralize.c: pluralize 8.0.0's plural(), rule for rule.
 *
 * The JavaScript library keeps three tables: irregular words, uncountable
 * words, and regular-expression rules tried from the last added to the
 * first. The rules are copied here verbatim as JavaScript regular
 * expressions and run by a small backtracking matcher that knows the
 * subset they use: literals, [classes] (with ^, ranges and \xHH), groups
 * ( ) and (?: ), |, ?, ^, $ and \b, always case-insensitive (/i). As in
 * JavaScript, the leftmost match wins and alternatives are tried in order.
 *
 * Case handling is ASCII: model names are GraphQL names, which are ASCII.
 */
#include "pluralize.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* ---------------------------------------------------------------- tables */

/* addIrregularRule(single, plural), in the library's order. */
static const char *const irregular[][2] = {
    {"i", "we"}, {"me", "us"}, {"he", "they"}, {"she", "they"}, {"them", "them"},
    {"myself", "ourselves"}, {"yourself", "yourselves"}, {"itself", "themselves"},
    {"herself", "themselves"}, {"himself", "themselves"}, {"themself", "themselves"},
    {"is", "are"}, {"was", "were"}, {"has", "have"}, {"this", "these"}, {"that", "those"},
    {"echo", "echoes"}, {"dingo", "dingoes"}, {"volcano", "volcanoes"},
    {"tornado", "tornadoes"}, {"torpedo", "torpedoes"},
    {"genus", "genera"}, {"viscus", "viscera"},
    {"stigma", "stigmata"}, {"stoma", "stomata"}, {"dogma", "dogmata"},
    {"lemma", "lemmata"}, {"schema", "schemata"}, {"anathema", "anathemata"},
    {"ox", "oxen"}, {"axe", "axes"}, {"die", "dice"}, {"yes", "yeses"}, {"foot", "feet"},
    {"eave", "eaves"}, {"goose", "geese"}, {"tooth", "teeth"}, {"quiz", "quizzes"},
    {"human", "humans"}, {"proof", "proofs"}, {"carve", "carves"}, {"valve", "valves"},
    {"looey", "looies"}, {"thief", "thieves"}, {"groove", "grooves"},
    {"pickaxe", "pickaxes"}, {"passerby", "passersby"},
};

/* addUncountableRule(string): words with no plural. */
static const char *const uncountable[] = {
    "adulthood", "advice", "agenda", "aid", "aircraft", "alcohol", "ammo", "analytics",
    "anime", "athletics", "audio", "bison", "blood", "bream", "buffalo", "butter", "carp",
    "cash", "chassis", "chess", "clothing", "cod", "commerce", "cooperation", "corps",
    "debris", "diabetes", "digestion", "elk", "energy", "equipment", "excretion",
    "expertise", "firmware", "flounder", "fun", "gallows", "garbage", "graffiti",
    "hardware", "headquarters", "health", "herpes", "highjinks", "homework", "housework",
    "information", "jeans", "justice", "kudos", "labour", "literature", "machinery",
    "mackerel", "mail", "media", "mews", "moose", "music", "mud", "manga", "news", "only",
    "personnel", "pike", "plankton", "pliers", "police", "pollution", "premises", "rain",
    "research", "rice", "salmon", "scissors", "series", "sewage", "shambles", "shrimp",
    "software", "species", "staff", "swine", "tennis", "traffic", "transportation",
    "trout", "tuna", "wealth", "welfare", "whiting", "wildebeest", "wildlife", "you",
};

typedef struct plural_rule {
    const char *pattern;       /* a JavaScript regular expression, flag i */
    const char *replacement;   /* with $0..$9 */
    const char *ends;          /* the letters (lower case) a match can end with,
                                  NULL for any character: a quick test
                                  (checked by ds_pluralize_rules_consistent) */
} plural_rule;

/* addPluralRule(...) in the library's order, then the uncountable regular
 * expressions (addUncountableRule(regexp) adds a plural rule '$0'). The
 * rules are tried from the last to the first. Each ends in "$", so a word
 * whose last character a rule's match cannot end with skips the rule. */
static const plural_rule plural_rules[] = {
    {"s?$", "s", NULL},
    {"[^\\x00-\\x7f]$", "$0", NULL},
    {"([^aeiou]ese)$", "$1", "e"},
    {"(ax|test)is$", "$1es", "s"},
    {"(alias|[^aou]us|t[lm]as|gas|ris)$", "$1es", "s"},
    {"(e[mn]u)s?$", "$1s", "su"},
    {"([^l]ias|[aeiou]las|[ejzr]as|[iu]am)$", "$1", "ms"},
    {"(alumn|syllab|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat)"
     "(?:us|i)$", "$1i", "is"},
    {"(alumn|alg|vertebr)(?:a|ae)$", "$1ae", "ae"},
    {"(seraph|cherub)(?:im)?$", "$1im", "bhm"},
    {"(her|at|gr)o$", "$1oes", "o"},
    {"(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi"
     "|curricul|automat|quor)(?:a|um)$", "$1a", "am"},
    {"(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr"
     "|automat)(?:a|on)$", "$1a", "an"},
    {"sis$", "ses", "s"},
    {"(?:(kni|wi|li)fe|(ar|l|ea|eo|oa|hoo)f)$", "$1$2ves", "ef"},
    {"([^aeiouy]|qu)y$", "$1ies", "y"},
    {"([^ch][ieo][ln])ey$", "$1ies", "y"},
    {"(x|ch|ss|sh|zz)$", "$1es", "hsxz"},
    {"(matr|cod|mur|sil|vert|ind|append)(?:ix|ex)$", "$1ices", "x"},
    {"\\b((?:tit)?m|l)(?:ice|ouse)$", "$1ice", "e"},
    {"(pe)(?:rson|ople)$", "$1ople", "en"},
    {"(child)(?:ren)?$", "$1ren", "dn"},
    {"eaux$", "$0", "x"},
    {"m[ae]n$", "men", "n"},
    {"^thou$", "you", "u"},
    /* uncountable regular expressions; /pok[eé]mon$/ with é as UTF-8 */
    {"pok(?:e|\xc3\xa9)mon$", "$0", "n"},
    {"[^aeiou]ese$", "$0", "e"},
    {"deer$", "$0", "r"},
    {"fish$", "$0", "h"},
    {"measles$", "$0", "s"},
    {"o[iu]s$", "$0", "s"},
    {"pox$", "$0", "x"},
    {"sheep$", "$0", "p"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_GROUPS 10

/* --------------------------------------------------------------- matcher */

typedef struct matcher {
    const char *pattern;           /* the whole pattern, to number groups */
    const char *text;
    size_t len;
    size_t cap_start[MAX_GROUPS], cap_end[MAX_GROUPS];   /* SIZE_MAX: unset */
    size_t end;                    /* where the match ended */
} matcher;

/* Where an alternative resumes once its group closes. */
typedef struct frame {
    const char *resume;            /* the pattern after ")" (and its "?") */
    int group;                     /* capture number, 0 for (?:...) */
    const struct frame *up;
} frame;

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }
static char upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c; }

static bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* One class member or range end at *p ("a" or "\xHH"); advances *p. */
static unsigned char class_char(const char **p) {
    if ((*p)[0] == '\\' && (*p)[1] == 'x' && hex_digit((*p)[2]) >= 0 &&
        hex_digit((*p)[3]) >= 0) {
        unsigned char c = (unsigned char)(hex_digit((*p)[2]) * 16 + hex_digit((*p)[3]));
        *p += 4;
        return c;
    }
    if ((*p)[0] == '\\' && (*p)[1]) (*p)++;
    return (unsigned char)*(*p)++;
}

/* Whether c is in the class whose text starts after "["; sets *after to
 * the pattern after "]". Case-insensitive like /i. */
static bool class_matches(const char *p, char c, const char **after) {
    bool negated = *p == '^', found = false;
    if (negated) p++;
    unsigned char forms[3] = {(unsigned char)c, (unsigned char)lower(c), (unsigned char)upper(c)};
    while (*p && *p != ']') {
        unsigned char lo = class_char(&p), hi = lo;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            p++;
            hi = class_char(&p);
        }
        for (int i = 0; i < 3; i++)
            if (forms[i] >= lo && forms[i] <= hi) found = true;
    }
    *after = *p ? p + 1 : p;
    return found != negated;
}

/* The ")" that closes the group opening at p (which points at "("). */
static const char *group_end(const char *p) {
    int depth = 0;
    for (; *p; p++) {
        if (*p == '\\' && p[1]) { p++; continue; }
        if (*p == '[') {
            while (*p && *p != ']') p += (*p == '\\' && p[1]) ? 2 : 1;
            if (!*p) return NULL;
            continue;
        }
        if (*p == '(') depth++;
        else if (*p == ')' && --depth == 0) return p;
    }
    return NULL;
}

/* The capture number of the group opening at p: 1 + the capturing groups
 * opened before it, or 0 for (?:...). */
static int group_number(const char *pattern, const char *p) {
    if (p[1] == '?') return 0;
    int n = 1;
    for (const char *q = pattern; q < p; q++) {
        if (*q == '\\' && q[1]) { q++; continue; }
        if (*q == '(' && q[1] != '?') n++;
    }
    return n < MAX_GROUPS ? n : 0;
}

static bool match_here(matcher *m, const char *p, size_t pos, const frame *k);

/* An alternative ended (at "|" or ")"): close its group, go on after it. */
static bool close_group(matcher *m, size_t pos, const frame *k) {
    if (!k) return false;   /* "|" at the top level: not in the subset */
    size_t saved = m->cap_end[k->group];
    if (k->group) m->cap_end[k->group] = pos;
    if (match_here(m, k->resume, pos, k->up)) return true;
    m->cap_end[k->group] = saved;
    return false;
}

/* A group at p: each alternative in order, then (if "?") none. */
static bool match_group(matcher *m, const char *p, size_t pos, const frame *k) {
    const char *close = group_end(p);
    if (!close) return false;
    bool optional = close[1] == '?';
    frame f = {close + 1 + optional, group_number(m->pattern, p), k};
    const char *alt = p[1] == '?' && p[2] == ':' ? p + 3 : p + 1;
    for (;;) {
        size_t saved_start = m->cap_start[f.group], saved_end = m->cap_end[f.group];
        if (f.group) m->cap_start[f.group] = pos;
        if (match_here(m, alt, pos, &f)) return true;
        m->cap_start[f.group] = saved_start;
        m->cap_end[f.group] = saved_end;
        /* the next "|" of this group, skipping nested groups and classes */
        const char *q = alt;
        int depth = 0;
        for (; q < close; q++) {
            if (*q == '\\' && q[1]) { q++; continue; }
            if (*q == '[') { while (q < close && *q != ']') q++; continue; }
            if (*q == '(') depth++;
            else if (*q == ')') depth--;
            else if (*q == '|' && depth == 0) break;
        }
        if (q >= close) break;
        alt = q + 1;
    }
    return optional && match_here(m, f.resume, pos, k);
}

/* Whether one character-consuming atom at p matches text[pos]; sets
 * *after to the pattern after the atom. */
static bool atom_matches(const matcher *m, const char *p, size_t pos, const char **after) {
    if (*p == '[') {
        bool in_class = class_matches(p + 1, pos < m->len ? m->text[pos] : '\0', after);
        return pos < m->len && in_class;
    }
    unsigned char c = class_char(&p);
    *after = p;
    return pos < m->len && lower(m->text[pos]) == lower((char)c);
}

/* Whether the pattern from p matches the text from pos, then the frames. */
static bool match_here(matcher *m, const char *p, size_t pos, const frame *k) {
    switch (*p) {
    case '\0':
        if (k) return false;
        m->end = pos;
        return true;
    case '|':
    case ')':
        return close_group(m, pos, k);
    case '(':
        return match_group(m, p, pos, k);
    case '^':
        return pos == 0 && match_here(m, p + 1, pos, k);
    case '$':
        return pos == m->len && match_here(m, p + 1, pos, k);
    default:
        break;
    }
    if (p[0] == '\\' && p[1] == 'b') {
        bool before = pos > 0 && is_word_char(m->text[pos - 1]);
        bool here = pos < m->len && is_word_char(m->text[pos]);
        return before != here && match_here(m, p + 2, pos, k);
    }
    const char *after;
    bool hit = atom_matches(m, p, pos, &after);
    bool optional = *after == '?';
    if (optional) after++;
    if (hit && match_here(m, after, pos + 1, k)) return true;
    return optional && match_here(m, after, pos, k);
}

/* What a pattern (or part of one) can match, for a given last character
 * c of the text: how many characters at most, whether nothing, and
 * whether a match can end with c. */
typedef struct reach {
    size_t longest;
    bool empty;
    bool ends_with_c;
} reach;

static reach sequence_reach(const char **p, char c);

/* Follow a sequence's reach by one more atom's. */
static reach then(reach before, reach atom) {
    return (reach){before.longest + atom.longest, before.empty && atom.empty,
                   atom.ends_with_c || (atom.empty && before.ends_with_c)};
}

/* The reach of the atom at *p (and its "?"); advances *p past them. */
static reach atom_reach(const char **p, char c) {
    reach r = {1, false, false};
    if (**p == '(') {
        *p += (*p)[1] == '?' && (*p)[2] == ':' ? 3 : 1;
        r = sequence_reach(p, c);
        while (**p == '|') {
            (*p)++;
            reach alt = sequence_reach(p, c);
            r = (reach){alt.longest > r.longest ? alt.longest : r.longest, r.empty || alt.empty,
                        r.ends_with_c || alt.ends_with_c};
        }
        if (**p == ')') (*p)++;
    } else if (**p == '^' || **p == '$') {
        r = (reach){0, true, false};
        (*p)++;
    } else if ((*p)[0] == '\\' && (*p)[1] == 'b') {
        r = (reach){0, true, false};
        *p += 2;
    } else if (**p == '[') {
        r.ends_with_c = class_matches(*p + 1, c, p);
    } else {
        r.ends_with_c = lower((char)class_char(p)) == lower(c);
    }
    if (**p == '?') {
        r.empty = true;
        (*p)++;
    }
    return r;
}

/* The reach of a sequence of atoms up to "|", ")" or the end of the
 * pattern; advances *p to that stop. */
static reach sequence_reach(const char **p, char c) {
    reach r = {0, true, false};
    while (**p && **p != '|' && **p != ')') r = then(r, atom_reach(p, c));
    return r;
}

/* The first start position that can hold a match of pattern in text
 * (len bytes, at least one), or len + 1 when none can. A pattern that
 * ends in "$" (outside any group or class, as every rule does) and has
 * no repetition ends its match at the end of the text: it cannot start
 * more than its longest match before it, and unless it can match
 * nothing, its last character must be able to be the text's last. */
static size_t first_start(const char *pattern, const char *text, size_t len) {
    size_t plen = strlen(pattern);
    if (plen == 0 || pattern[plen - 1] != '$' || (plen > 1 && pattern[plen - 2] == '\\'))
        return 0;
    const char *p = pattern;
    reach r = sequence_reach(&p, text[len - 1]);
    if (*p) return 0;   /* a top-level "|" or a stray ")": no bound */
    if (!r.empty && !r.ends_with_c) return len + 1;
    return len > r.longest ? len - r.longest : 0;
}

/* The leftmost match of pattern in text: sets m and returns its start,
 * or returns -1. Start positions from which no match can reach the
 * anchoring "$" are skipped: they could not match anyway. */
static long search(matcher *m, const char *pattern, const char *text) {
    m->pattern = pattern;
    m->text = text;
    m->len = strlen(text);
    size_t from = m->len ? first_start(pattern, text, m->len) : 0;
    for (size_t start = from; start <= m->len; start++) {
        for (int i = 0; i < MAX_GROUPS; i++) m->cap_start[i] = m->cap_end[i] = (size_t)-1;
        if (match_here(m, pattern, start, NULL)) return (long)start;
    }
    return -1;
}

/* ----------------------------------------------------------- replacement */

/* A growing string in the arena. */
typedef struct strbuf {
    char *data;
    size_t len, cap;
} strbuf;

/* Append n bytes of s. */
static void strbuf_add(ds_arena *a, strbuf *t, const char *s, size_t n) {
    if (t->len + n + 1 > t->cap)
        t->data = ds_arena_grow(a, t->data, 1, &t->cap, t->len + n + 1);
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

/* Whether every character of s (n bytes) equals its case-mapped self. */
static bool all_mapped(const char *s, size_t n, char (*map)(char)) {
    for (size_t i = 0; i < n; i++)
        if (map(s[i]) != s[i]) return false;
    return true;
}

/* restoreCase(word, token): token in the case of word (n bytes). */
static void restore_case(ds_arena *a, strbuf *out, const char *word, size_t n, const char *token) {
    size_t tn = strlen(token), start = out->len;
    strbuf_add(a, out, token, tn);
    char *t = out->data + start;
    if (n == tn && memcmp(word, token, n) == 0) return;
    if (all_mapped(word, n, lower)) {
        for (size_t i = 0; i < tn; i++) t[i] = lower(t[i]);
    } else if (all_mapped(word, n, upper)) {
        for (size_t i = 0; i < tn; i++) t[i] = upper(t[i]);
    } else if (n > 0 && upper(word[0]) == word[0]) {
        for (size_t i = 0; i < tn; i++) t[i] = i == 0 ? upper(t[i]) : lower(t[i]);
    } else {
        for (size_t i = 0; i < tn; i++) t[i] = lower(t[i]);
    }
}

/* interpolate(replacement, match): $N is group N ($0 the whole match),
 * '' when the group did not take part. */
static char *interpolate(ds_arena *a, const matcher *m, size_t start, const char *replacement) {
    strbuf out = {0};
    strbuf_add(a, &out, "", 0);
    for (const char *r = replacement; *r; r++) {
        if (*r == '$' && r[1] >= '0' && r[1] <= '9') {
            int n = r[1] - '0';
            size_t from = n == 0 ? start : m->cap_start[n], to = n == 0 ? m->end : m->cap_end[n];
            if (from != (size_t)-1 && to != (size_t)-1 && to >= from)
                strbuf_add(a, &out, m->text + from, to - from);
            r++;
        } else {
            strbuf_add(a, &out, r, 1);
        }
    }
    return out.data;
}

/* replace(word, rule): the first match of the rule replaced, in the case
 * of what it replaces (of the character before it for an empty match). */
static char *apply_rule(ds_arena *a, const char *word, const plural_rule *rule, const matcher *m,
                        size_t start) {
    char *result = interpolate(a, m, start, rule->replacement);
    strbuf out = {0};
    strbuf_add(a, &out, word, start);
    if (m->end == start) restore_case(a, &out, word + start - (start > 0), start > 0, result);
    else restore_case(a, &out, word + start, m->end - start, result);
    strbuf_add(a, &out, word + m->end, strlen(word + m->end));
    return out.data;
}

/* --------------------------------------------------------------- plural */

/* The irregular plural of word (token: word in lower case), or NULL: a
 * plural form is kept as it is, a singular one replaced, both in word's
 * case. */
static char *irregular_plural(ds_arena *a, const char *word, const char *token) {
    for (int form = 1; form >= 0; form--) {
        for (size_t i = 0; i < COUNT(irregular); i++) {
            const char *w = irregular[i][form];
            if (w[0] != token[0] || strcmp(token, w) != 0) continue;
            strbuf out = {0};
            restore_case(a, &out, word, strlen(word), irregular[i][1]);
            return out.data;
        }
    }
    return NULL;
}

/* Whether word (in lower case) has no plural. */
static bool is_uncountable(const char *token) {
    for (size_t i = 0; i < COUNT(uncountable); i++)
        if (uncountable[i][0] == token[0] && strcmp(token, uncountable[i]) == 0) return true;
    return false;
}

/* Whether the rule's "ends" letters allow a match ending with c. */
static bool may_end_with(const plural_rule *rule, char c) {
    return !rule->ends || (c != '\0' && strchr(rule->ends, lower(c)));
}

bool ds_pluralize_rules_consistent(void) {
    for (size_t i = 0; i < COUNT(plural_rules); i++) {
        const plural_rule *rule = &plural_rules[i];
        size_t plen = strlen(rule->pattern);
        if (!rule->ends) continue;
        if (plen < 2 || rule->pattern[plen - 1] != '$' || rule->pattern[plen - 2] == '\\')
            return false;
        for (int c = 1; c < 256; c++) {
            const char *p = rule->pattern;
            reach r = sequence_reach(&p, (char)c);
            if (*p || (r.empty || r.ends_with_c) != may_end_with(rule, (char)c)) return false;
        }
    }
    return true;
}

char *ds_pluralize(ds_arena *a, const char *word) {
    char *token = ds_arena_strdup(a, word);
    for (char *p = token; *p; p++) *p = lower(*p);
    char *irregular_form = irregular_plural(a, word, token);
    if (irregular_form) return irregular_form;
    if (!token[0] || is_uncountable(token)) return ds_arena_strdup(a, word);
    char last = word[strlen(word) - 1];
    for (size_t i = COUNT(plural_rules); i-- > 0;) {
        if (!may_end_with(&plural_rules[i], last)) continue;
        matcher m;
        long start = search(&m, plural_rules[i].pattern, word);
        if (start >= 0) return apply_rule(a, word, &plural_rules[i], &m, (size_t)start);
    }
    return ds_arena_strdup(a, word);
}

