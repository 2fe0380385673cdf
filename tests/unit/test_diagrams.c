/* test_diagrams.c: the pictures of the data model (-f mermaid, -f dot) as
 * text: one line a relationship pair with its cardinality and both field
 * names, keys marked, and every name the diagram languages would read as
 * a keyword quoted rather than dropped. (tests/diagrams/check.py renders
 * them with the real Graphviz and mermaid.) */
#include <stdlib.h>
#include <string.h>

#include "support.h"

/* A blog with a hasMany, a hasOne, a self-relation, a composite identifier
 * whose first field is also a reference field, an enum and a custom type. */
static const char blog[] =
    "authorization: [publicApiKey]\n"
    "enums:\n  Status: [DRAFT, LIVE]\n"
    "types:\n  Seo:\n    title: string\n    tags: \"[string!]!\"\n"
    "models:\n"
    "  Blog:\n    fields:\n      name: string!\n"
    "      posts: { hasMany: Post, references: blogId }\n"
    "      cover: { hasOne: Cover, references: blogId }\n"
    "  Post:\n    identifier: [blogId, slug]\n    fields:\n"
    "      blogId: id!\n      slug: string!\n      status: Status!\n      seo: Seo\n"
    "      blog: { belongsTo: Blog, references: blogId }\n"
    "  Cover:\n    fields:\n      blogId: id\n"
    "      blog: { belongsTo: Blog, references: blogId }\n"
    "  Comment:\n    fields:\n      parentId: id\n"
    "      parent: { belongsTo: Comment, references: parentId }\n"
    "      replies: { hasMany: Comment, references: parentId }\n";

/* Names Mermaid's lexer takes for keywords (entity names ignore case) and
 * attribute words it takes for keys. */
static const char keywords[] =
    "authorization: [publicApiKey]\n"
    "models:\n"
    "  Class:\n    fields:\n      pk: string\n"
    "      ends: { hasMany: End, references: classId }\n"
    "  End:\n    fields:\n      classId: id\n      to: Level\n"
    "      class: { belongsTo: Class, references: classId }\n"
    "  Node:\n    fields:\n      e: string\n      uks: \"[Uk]\"\n"
    "enums:\n  Level: [FK, one]\n  Uk: [A]\n";

/* How many times needle occurs in text. */
static size_t count(const char *text, const char *needle) {
    size_t n = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

START_TEST(mermaid_draws_each_pair_once_with_its_cardinality) {
    char *out = unit_emit(blog, DS_FORMAT_MERMAID);
    ck_assert_msg(strncmp(out, "erDiagram\n", 10) == 0, "%s", out);
    ck_assert_uint_eq(count(out, "    Blog ||--o{ Post : \"posts / blog\"\n"), 1);
    ck_assert_uint_eq(count(out, "    Blog ||--o| Cover : \"cover / blog\"\n"), 1);
    ck_assert_uint_eq(count(out, "    Comment ||--o{ Comment : \"replies / parent\"\n"), 1);
    ck_assert_uint_eq(count(out, "--"), 3);  /* no line from the belongsTo side */
    free(out);
}
END_TEST

START_TEST(mermaid_marks_keys_and_modifiers) {
    char *out = unit_emit(blog, DS_FORMAT_MERMAID);
    ck_assert_msg(strstr(out, "        ID blogId PK, FK \"required\"\n"), "%s", out);
    ck_assert_msg(strstr(out, "        String slug PK \"required\"\n"), "%s", out);
    ck_assert_msg(strstr(out, "    Blog {\n        ID id PK \"required\"\n"), "%s", out);
    ck_assert_msg(strstr(out, "        ID blogId FK\n"), "%s", out);       /* Cover's */
    ck_assert_msg(strstr(out, "        String[] tags \"required list of required\"\n"), "%s", out);
    free(out);
}
END_TEST

START_TEST(mermaid_shows_enums_and_types_used_by_fields) {
    char *out = unit_emit(blog, DS_FORMAT_MERMAID);
    ck_assert_msg(strstr(out, "    Status[\"\xc2\xab" "enum\xc2\xbb Status\"]:::enumType {\n"
                              "        value DRAFT\n        value LIVE\n    }\n"), "%s", out);
    ck_assert_msg(strstr(out, "    Seo[\"\xc2\xab" "type\xc2\xbb Seo\"]:::customType {\n"), "%s", out);
    ck_assert_msg(strstr(out, "    Post }o..|| Status : \"status\"\n"), "%s", out);   /* required */
    ck_assert_msg(strstr(out, "    Post }o..o| Seo : \"seo\"\n"), "%s", out);         /* optional */
    ck_assert_msg(strstr(out, "classDef enumType "), "%s", out);
    free(out);
}
END_TEST

START_TEST(mermaid_quotes_keywords_never_drops_them) {
    char *out = unit_emit(keywords, DS_FORMAT_MERMAID);
    ck_assert_msg(strstr(out, "    \"Class\" {\n        ID id PK \"required\"\n        String `pk`\n"),
                  "%s", out);
    ck_assert_msg(strstr(out, "    \"Class\" ||--o{ \"End\" : \"ends / class\"\n"), "%s", out);
    ck_assert_msg(strstr(out, "        Level to\n"), "%s", out);    /* no keyword in a block */
    ck_assert_msg(strstr(out, "    \"End\" }o..o| Level : \"to\"\n"), "%s", out);
    ck_assert_msg(strstr(out, "        value `FK`\n        value one\n"), "%s", out);
    ck_assert_msg(strstr(out, "    Node {\n"), "%s", out);         /* Mermaid takes Node */
    ck_assert_msg(strstr(out, "        `Uk[]` uks \"list\"\n"), "%s", out);  /* Uk[ is UK too */
    free(out);
}
END_TEST

START_TEST(dot_draws_each_pair_once_between_its_rows) {
    char *out = unit_emit(blog, DS_FORMAT_DOT);
    ck_assert_msg(strncmp(out, "digraph dschema {\n", 18) == 0, "%s", out);
    ck_assert_msg(strstr(out, "  \"Blog\":\"r_posts\":e -> \"Post\":\"l_blog\":w [label=\"posts / blog\", "
                              "dir=both, arrowtail=teetee, arrowhead=crowodot];\n"), "%s", out);
    ck_assert_msg(strstr(out, "  \"Blog\":\"r_cover\":e -> \"Cover\":\"l_blog\":w [label=\"cover / blog\", "
                              "dir=both, arrowtail=teetee, arrowhead=teeodot];\n"), "%s", out);
    /* a self-relation loops on the right side, its label kept by the loop */
    ck_assert_msg(strstr(out, "  \"Comment\":\"r_replies\":e -> \"Comment\":\"r_parent\":e "
                              "[xlabel=\"replies / parent\""), "%s", out);
    ck_assert_uint_eq(count(out, "dir=both"), 3);
    ck_assert_msg(strstr(out, "  \"Post\":\"r_status\":e -> \"Status\" [style=dashed"), "%s", out);
    size_t len = strlen(out);
    ck_assert_msg(len > 2 && strcmp(out + len - 2, "}\n") == 0, "%s", out);
    free(out);
}
END_TEST

START_TEST(dot_rows_mark_keys_and_types) {
    char *out = unit_emit(blog, DS_FORMAT_DOT);
    ck_assert_msg(strstr(out, "<tr><td port=\"l_blogId\">PK FK</td><td align=\"left\">blogId</td>"
                              "<td align=\"left\" port=\"r_blogId\">ID!</td></tr>"), "%s", out);
    ck_assert_msg(strstr(out, ">posts</td><td align=\"left\" port=\"r_posts\">[Post]</td>"), "%s", out);
    ck_assert_msg(strstr(out, ">tags</td><td align=\"left\" port=\"r_tags\">[String!]!</td>"), "%s", out);
    ck_assert_msg(strstr(out, "&laquo;enum&raquo; <b>Status</b>"), "%s", out);
    free(out);
}
END_TEST

START_TEST(dot_quotes_every_node_and_port) {
    char *out = unit_emit(keywords, DS_FORMAT_DOT);
    /* Node is a DOT keyword and e a compass point: quoted and prefixed */
    ck_assert_msg(strstr(out, "  \"Node\" [label=<"), "%s", out);
    ck_assert_msg(strstr(out, "port=\"r_e\""), "%s", out);
    ck_assert_msg(!strstr(out, "\n  Node "), "%s", out);
    free(out);
}
END_TEST

int main(void) {
    Suite *suite = suite_create("diagrams");
    TCase *tc = tcase_create("diagrams");
    tcase_add_test(tc, mermaid_draws_each_pair_once_with_its_cardinality);
    tcase_add_test(tc, mermaid_marks_keys_and_modifiers);
    tcase_add_test(tc, mermaid_shows_enums_and_types_used_by_fields);
    tcase_add_test(tc, mermaid_quotes_keywords_never_drops_them);
    tcase_add_test(tc, dot_draws_each_pair_once_between_its_rows);
    tcase_add_test(tc, dot_rows_mark_keys_and_types);
    tcase_add_test(tc, dot_quotes_every_node_and_port);
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
