/* test_introspection.c: -f introspection as graphql-generator 0.5.4 makes it.
 *
 * Every expectation below was read off the real generator's output for the
 * same schema (tests/conformance/oracle). Pluralisation is compared with
 * pluralize 8.0.0's plural() on a sample of words. */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dschema.h"
#include "pluralize.h"
#include "support.h"

/* ----------------------------------------------------------------- helpers */

/* The introspection document of a one-file schema. */
static json_t *document(const char *yaml) {
    return unit_document(yaml, DS_FORMAT_INTROSPECTION);
}

/* doc.models[model].fields[field] */
static json_t *field(json_t *doc, const char *model, const char *name) {
    json_t *f = json_object_get(json_object_get(json_object_get(json_object_get(doc, "models"), model),
                                                "fields"),
                                name);
    ck_assert_msg(f != NULL, "no field %s.%s", model, name);
    return f;
}

/* doc.models[model].attributes */
static json_t *attributes(json_t *doc, const char *model) {
    return json_object_get(json_object_get(json_object_get(doc, "models"), model), "attributes");
}

static const char *const composite_schema =
    "authorization:\n"
    "  - publicApiKey\n"
    "models:\n"
    "  Warehouse:\n"
    "    identifier: [region, code]\n"
    "    fields:\n"
    "      region: string!\n"
    "      code: integer!\n"
    "      bins: { hasMany: Bin, references: [warehouseRegion, warehouseCode] }\n"
    "      manager: { hasOne: Manager, references: [siteRegion, siteCode] }\n"
    "  Bin:\n"
    "    fields:\n"
    "      warehouseRegion: string!\n"
    "      warehouseCode: integer!\n"
    "      warehouse: { belongsTo: Warehouse, references: [warehouseRegion, warehouseCode] }\n"
    "  Manager:\n"
    "    fields:\n"
    "      name: string\n"
    "      siteRegion: string\n"
    "      siteCode: integer\n"
    "      site: { belongsTo: Warehouse, references: [siteRegion, siteCode] }\n"
    "  Folder:\n"
    "    fields:\n"
    "      name: string\n"
    "      children: { hasMany: Folder, references: parentId }\n"
    "      parentId: id\n"
    "      parent: { belongsTo: Folder, references: parentId }\n";

/* ----------------------------------------------------------- pluralization */

/* pluralize.plural(word) from the JavaScript library, word by word. */
static const char *const plurals[][2] = {
    {"Post", "Posts"}, {"Comment", "Comments"}, {"Category", "Categories"},
    {"Person", "People"}, {"SalesPerson", "SalesPeople"}, {"Staff", "Staff"},
    {"Media", "Media"}, {"Child", "Children"}, {"Mouse", "Mice"}, {"DormMouse", "DormMouses"},
    {"Titmouse", "Titmice"}, {"Index", "Indices"}, {"Matrix", "Matrices"},
    {"Vertex", "Vertices"}, {"Box", "Boxes"}, {"Church", "Churches"}, {"Status", "Statuses"},
    {"Bus", "Buses"}, {"Alias", "Aliases"}, {"Gas", "Gases"}, {"Atlas", "Atlases"},
    {"Quiz", "Quizzes"}, {"Schema", "Schemata"}, {"Datum", "Data"}, {"Criterion", "Criteria"},
    {"Analysis", "Analyses"}, {"Knife", "Knives"}, {"Wife", "Wives"}, {"Life", "Lives"},
    {"Leaf", "Leaves"}, {"Wolf", "Wolves"}, {"Half", "Halves"}, {"Hoof", "Hooves"},
    {"Roof", "Roofs"}, {"Chief", "Chiefs"}, {"City", "Cities"}, {"Day", "Days"},
    {"Key", "Keys"}, {"Monkey", "Monkeys"}, {"Money", "Monies"}, {"Journey", "Journeys"},
    {"Alley", "Alleys"}, {"Hero", "Heroes"}, {"Potato", "Potatoes"}, {"Photo", "Photos"},
    {"Echo", "Echoes"}, {"Cactus", "Cacti"}, {"Octopus", "Octopuses"}, {"Virus", "Viri"},
    {"Radius", "Radii"}, {"Alumnus", "Alumni"}, {"Genus", "Genera"}, {"Woman", "Women"},
    {"Man", "Men"}, {"Human", "Humans"}, {"Chinese", "Chinese"}, {"Sheep", "Sheep"},
    {"Goldfish", "Goldfish"}, {"Reindeer", "Reindeer"}, {"Pokemon", "Pokemon"},
    {"Series", "Series"}, {"News", "News"}, {"TodoList", "TodoLists"},
    {"CartItem", "CartItems"}, {"BlogEntry", "BlogEntries"}, {"blogEntry", "blogEntries"},
    {"post", "posts"}, {"API", "APIS"}, {"ID", "IDS"}, {"URL", "URLS"},
    {"Address", "Addresses"}, {"Process", "Processes"}, {"Dish", "Dishes"},
    {"Buzz", "Buzzes"}, {"Ox", "Oxen"}, {"Axe", "Axes"}, {"Die", "Dice"}, {"Foot", "Feet"},
    {"Tooth", "Teeth"}, {"Goose", "Geese"}, {"Thief", "Thieves"}, {"Menu", "Menus"},
    {"Bureau", "Bureaus"}, {"Thou", "You"}, {"Criteria", "Criteria"}, {"Data", "Data"},
    {"People", "People"}, {"Children", "Children"}, {"Settings", "Settings"},
    {"Analytics", "Analytics"}, {"Equipment", "Equipment"}, {"Information", "Information"},
    {"Software", "Software"}, {"Firmware", "Firmware"}, {"Moose", "Moose"},
    {"Seraph", "Seraphim"}, {"Alga", "Algae"}, {"Vertebra", "Vertebrae"},
    {"Appendix", "Appendices"}, {"Codex", "Codices"}, {"Louse", "Lice"}, {"Item2", "Item2s"},
    {"Order_v2", "Order_v2s"}, {"Item_v2", "Item_v2s"}, {"Warehouse", "Warehouses"},
    {"Diary", "Diaries"}, {"Bias", "Bias"}, {"Canvas", "Canvas"}, {"Quorum", "Quora"},
    {"Stadium", "Stadiums"}, {"Campus", "Campuses"}, {"Iris", "Irises"}, {"I", "WE"},
    {"Me", "Us"}, {"This", "These"}, {"Passerby", "Passersby"}, {"Volcano", "Volcanoes"},
    {"Nervous", "Nervous"}, {"Audio", "Audio"}, {"Studio", "Studios"}, {"Zoo", "Zoos"},
    {"Buffalo", "Buffalo"}, {"Tomato", "Tomatoes"}, {"Piano", "Pianos"}, {"Logo", "Logos"},
    {"Shaman", "Shamen"}, {"Talisman", "Talismen"}, {"Walkman", "Walkmen"},
    {"Soliloquy", "Soliloquies"}, {"Turkey", "Turkeys"}, {"Pulley", "Pulleys"},
    {"Abbey", "Abbeys"}, {"Kidney", "Kidneys"}, {"Baby", "Babies"}, {"Toy", "Toys"},
    {"Guy", "Guys"}, {"Tax", "Taxes"}, {"Kiss", "Kisses"}, {"Crash", "Crashes"},
    {"Watch", "Watches"}, {"Stomach", "Stomaches"}, {"Epoch", "Epoches"},
    {"Search", "Searches"}, {"Forum", "Forums"}, {"Thesis", "Theses"}, {"Crisis", "Crises"},
    {"Basis", "Bases"}, {"Wharf", "Wharves"}, {"Scarf", "Scarves"}, {"Elf", "Elves"},
    {"Shelf", "Shelves"}, {"Self", "Selves"}, {"Testis", "Testes"}, {"Axis", "Axes"},
    {"Phenomenon", "Phenomena"}, {"Automaton", "Automata"}, {"Bacterium", "Bacteria"},
    {"Stimulus", "Stimuli"}, {"Syllabus", "Syllabi"}, {"Focus", "Foci"}, {"Loci", "Loci"},
    {"x", "xes"}, {"s", "s"}, {"ss", "sses"}, {"y", "ys"},
};

START_TEST(pluralize_matches_the_javascript_library) {
    ds_arena a;
    ds_arena_init(&a);
    for (size_t i = 0; i < sizeof plurals / sizeof plurals[0]; i++)
        ck_assert_str_eq(ds_pluralize(&a, plurals[i][0]), plurals[i][1]);
    ck_assert_str_eq(ds_pluralize(&a, ""), "");
    ck_assert_str_eq(ds_pluralize(&a, "Pok\xc3\xa9mon"), "Pok\xc3\xa9mon");
    ds_arena_free(&a);
}
END_TEST

/* Words whose plural depends on where a rule may start or on their last
 * character (rules are only tried where they can reach the end), with
 * pluralize.plural()'s answers. */
static const char *const plurals_at_the_end[][2] = {
    {"Thou", "You"}, {"ThouArt", "ThouArts"}, {"Node1234", "Node1234s"},
    {"Titmouse", "Titmice"}, {"Blouse", "Blouses"}, {"Louse", "Lice"},
    {"Status2", "Status2s"}, {"BUS", "BUSES"}, {"Node_", "Node_s"}, {"Chief", "Chiefs"},
    {"Cafe", "Cafes"}, {"Cherubim", "Cherubim"}, {"Foxes", "Foxes"}, {"X", "XES"},
    {"S", "S"}, {"A1", "A1s"}, {"Pokemon", "Pokemon"}, {"Alumna", "Alumnae"},
};

START_TEST(pluralize_rules_only_match_at_the_end) {
    ck_assert(ds_pluralize_rules_consistent());
    ds_arena a;
    ds_arena_init(&a);
    for (size_t i = 0; i < sizeof plurals_at_the_end / sizeof plurals_at_the_end[0]; i++)
        ck_assert_str_eq(ds_pluralize(&a, plurals_at_the_end[i][0]), plurals_at_the_end[i][1]);
    ds_arena_free(&a);
}
END_TEST

START_TEST(plural_names_in_the_document) {
    json_t *doc = document("authorization: [publicApiKey]\n"
                           "models:\n"
                           "  Category: { fields: { name: string } }\n"
                           "  Person: { fields: { name: string } }\n"
                           "  Staff: { fields: { name: string } }\n");
    json_t *models = json_object_get(doc, "models");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(models, "Category"), "pluralName")),
                     "Categories");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(models, "Person"), "pluralName")),
                     "People");
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(models, "Staff"), "pluralName")),
                     "Staff");
    json_decref(doc);
}
END_TEST

/* ------------------------------------------------------------- associations */

START_TEST(has_many_names_the_childs_composite_references) {
    json_t *doc = document(composite_schema);
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Warehouse", "bins"), "association")),
                     "{\"connectionType\":\"HAS_MANY\",\"associatedWith\":"
                     "[\"warehouseRegion\",\"warehouseCode\"]}");
    json_t *bins = field(doc, "Warehouse", "bins");
    ck_assert_str_eq(unit_compact(json_object_get(bins, "type")), "{\"model\":\"Bin\"}");
    ck_assert(json_is_true(json_object_get(bins, "isArray")));
    ck_assert(json_is_true(json_object_get(bins, "isArrayNullable")));
    json_decref(doc);
}
END_TEST

START_TEST(has_one_has_associated_with_and_empty_target_names) {
    json_t *doc = document(composite_schema);
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Warehouse", "manager"), "association")),
                     "{\"connectionType\":\"HAS_ONE\",\"associatedWith\":"
                     "[\"siteRegion\",\"siteCode\"],\"targetNames\":[]}");
    json_decref(doc);
}
END_TEST

START_TEST(belongs_to_names_its_own_reference_fields) {
    json_t *doc = document(composite_schema);
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Bin", "warehouse"), "association")),
                     "{\"connectionType\":\"BELONGS_TO\",\"targetNames\":"
                     "[\"warehouseRegion\",\"warehouseCode\"]}");
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Manager", "site"), "association")),
                     "{\"connectionType\":\"BELONGS_TO\",\"targetNames\":[\"siteRegion\",\"siteCode\"]}");
    json_decref(doc);
}
END_TEST

START_TEST(composite_identifier_is_a_custom_primary_key) {
    json_t *doc = document(composite_schema);
    json_t *warehouse = json_object_get(json_object_get(doc, "models"), "Warehouse");
    ck_assert_str_eq(unit_compact(json_object_get(warehouse, "primaryKeyInfo")),
                     "{\"isCustomPrimaryKey\":true,\"primaryKeyFieldName\":\"region\","
                     "\"sortKeyFieldNames\":[\"code\"]}");
    ck_assert_str_eq(unit_compact(json_array_get(attributes(doc, "Warehouse"), 1)),
                     "{\"type\":\"key\",\"properties\":{\"fields\":[\"region\",\"code\"]}}");
    /* no implicit id on a model with its own identifier */
    ck_assert_str_eq(unit_keys(json_object_get(warehouse, "fields")),
                     "region,code,bins,manager,createdAt,updatedAt");
    json_t *bin = json_object_get(json_object_get(doc, "models"), "Bin");
    ck_assert_str_eq(unit_compact(json_object_get(bin, "primaryKeyInfo")),
                     "{\"isCustomPrimaryKey\":false,\"primaryKeyFieldName\":\"id\","
                     "\"sortKeyFieldNames\":[]}");
    json_decref(doc);
}
END_TEST

START_TEST(one_way_has_many_gets_an_imputed_key) {
    /* Folder.children comes before Folder.parent: the generator looks at
     * the child's first field back to the parent, sees a hasMany, and
     * adds the key it would add for a hasMany without belongsTo. */
    json_t *doc = document(composite_schema);
    json_t *attrs = attributes(doc, "Folder");
    ck_assert_uint_eq(json_array_size(attrs), 3);
    ck_assert_str_eq(unit_compact(json_array_get(attrs, 1)),
                     "{\"type\":\"key\",\"properties\":{\"name\":\"gsi-Folder.children\","
                     "\"fields\":[\"parentId\"]}}");
    /* Bin's first field back to Warehouse is its belongsTo: no key */
    ck_assert_uint_eq(json_array_size(attributes(doc, "Bin")), 2);
    json_decref(doc);
}
END_TEST

/* ---------------------------------------------------------------- key order */

START_TEST(document_and_field_keys_in_generator_order) {
    char *text = unit_emit(composite_schema, DS_FORMAT_INTROSPECTION);
    const char *head = "{\n    \"version\": 1,\n    \"models\": {\n";
    ck_assert_msg(strncmp(text, head, strlen(head)) == 0, "4-space JSON.stringify layout");
    ck_assert_msg(text[strlen(text) - 1] == '}', "no final newline");
    free(text);

    json_t *doc = document(composite_schema);
    ck_assert_str_eq(unit_keys(doc), "version,models,enums,nonModels");
    json_t *bin = json_object_get(json_object_get(doc, "models"), "Bin");
    ck_assert_str_eq(unit_keys(bin), "name,fields,syncable,pluralName,attributes,primaryKeyInfo");
    ck_assert_str_eq(unit_keys(json_object_get(bin, "fields")),
                     "id,warehouseRegion,warehouseCode,warehouse,createdAt,updatedAt");
    ck_assert_str_eq(unit_keys(field(doc, "Bin", "warehouse")),
                     "name,isArray,type,isRequired,attributes,association");
    ck_assert_str_eq(unit_keys(field(doc, "Warehouse", "bins")),
                     "name,isArray,type,isRequired,attributes,isArrayNullable,association");
    ck_assert_str_eq(unit_keys(field(doc, "Bin", "createdAt")),
                     "name,isArray,type,isRequired,attributes,isReadOnly");
    json_decref(doc);
}
END_TEST

static const char *const misc_schema =
    "authorization:\n"
    "  - publicApiKey\n"
    "enums:\n"
    "  Stage: [inProgress, IN_PROGRESS, done, _10, _2, v2Beta, HTTPServer]\n"
    "models:\n"
    "  Category:\n"
    "    secondaryIndexes:\n"
    "      - name\n"
    "      - { field: name, sortKeys: [rank] }\n"
    "      - { field: rank, name: byRank, queryField: null }\n"
    "    authorization:\n"
    "      - { allow: owner, provider: oidc, identityClaim: sub, to: [read] }\n"
    "      - { allow: groups, groups: [Admin], groupClaim: roles }\n"
    "      - { allow: groupsDefinedIn, field: teams }\n"
    "      - authenticated\n"
    "    fields:\n"
    "      name: string!\n"
    "      rank: integer!\n"
    "      stage: Stage\n"
    "      createdAt: datetime\n";

START_TEST(auth_rules_get_the_generators_defaults_in_its_order) {
    json_t *doc = document(misc_schema);
    json_t *attrs = attributes(doc, "Category");
    json_t *auth = json_array_get(attrs, json_array_size(attrs) - 1);
    ck_assert_str_eq(json_string_value(json_object_get(auth, "type")), "auth");
    json_t *rules = json_object_get(json_object_get(auth, "properties"), "rules");
    ck_assert_str_eq(unit_compact(json_array_get(rules, 0)),
                     "{\"provider\":\"oidc\",\"ownerField\":\"owner\",\"allow\":\"owner\","
                     "\"operations\":[\"read\"],\"identityClaim\":\"sub\"}");
    ck_assert_str_eq(unit_compact(json_array_get(rules, 1)),
                     "{\"groupClaim\":\"roles\",\"provider\":\"userPools\",\"allow\":\"groups\","
                     "\"groups\":[\"Admin\"],\"operations\":[\"create\",\"update\",\"delete\",\"read\"]}");
    ck_assert_str_eq(unit_compact(json_array_get(rules, 2)),
                     "{\"groupClaim\":\"cognito:groups\",\"provider\":\"userPools\",\"allow\":\"groups\","
                     "\"groupsField\":\"teams\",\"groupField\":\"groups\","
                     "\"operations\":[\"create\",\"update\",\"delete\",\"read\"]}");
    ck_assert_str_eq(unit_compact(json_array_get(rules, 3)),
                     "{\"allow\":\"private\",\"operations\":[\"create\",\"update\",\"delete\",\"read\"]}");
    json_decref(doc);
}
END_TEST

START_TEST(index_keys_follow_field_order_with_default_names) {
    json_t *doc = document(misc_schema);
    json_t *attrs = attributes(doc, "Category");
    ck_assert_uint_eq(json_array_size(attrs), 5);
    ck_assert_str_eq(unit_compact(json_array_get(attrs, 1)),
                     "{\"type\":\"key\",\"properties\":{\"name\":\"categoriesByName\","
                     "\"queryField\":\"listCategoryByName\",\"fields\":[\"name\"]}}");
    ck_assert_str_eq(unit_compact(json_array_get(attrs, 2)),
                     "{\"type\":\"key\",\"properties\":{\"name\":\"categoriesByNameAndRank\","
                     "\"queryField\":\"listCategoryByNameAndRank\",\"fields\":[\"name\",\"rank\"]}}");
    ck_assert_str_eq(unit_compact(json_array_get(attrs, 3)),
                     "{\"type\":\"key\",\"properties\":{\"name\":\"byRank\",\"queryField\":null,"
                     "\"fields\":[\"rank\"]}}");
    json_decref(doc);
}
END_TEST

START_TEST(declared_timestamp_stays_put_and_is_not_read_only) {
    json_t *doc = document(misc_schema);
    json_t *category = json_object_get(json_object_get(doc, "models"), "Category");
    ck_assert_str_eq(unit_keys(json_object_get(category, "fields")), "id,name,rank,stage,createdAt,updatedAt");
    ck_assert_str_eq(unit_compact(field(doc, "Category", "createdAt")),
                     "{\"name\":\"createdAt\",\"isArray\":false,\"type\":\"AWSDateTime\","
                     "\"isRequired\":false,\"attributes\":[]}");
    ck_assert(json_is_true(json_object_get(field(doc, "Category", "updatedAt"), "isReadOnly")));
    json_decref(doc);
}
END_TEST

START_TEST(enum_values_keyed_by_constant_case) {
    /* inProgress and IN_PROGRESS share the key IN_PROGRESS; _2 and _10
     * have array-index keys, which JavaScript objects list first */
    json_t *doc = document(misc_schema);
    ck_assert_str_eq(unit_compact(json_object_get(json_object_get(doc, "enums"), "Stage")),
                     "{\"name\":\"Stage\",\"values\":[\"_2\",\"_10\",\"IN_PROGRESS\",\"done\","
                     "\"v2Beta\",\"HTTPServer\"]}");
    ck_assert_str_eq(unit_compact(json_object_get(field(doc, "Category", "stage"), "type")),
                     "{\"enum\":\"Stage\"}");
    json_decref(doc);
}
END_TEST

START_TEST(operations_and_inputs_after_the_types) {
    json_t *doc = document("authorization: [publicApiKey]\n"
                           "types:\n"
                           "  Range: { min: float, max: float }\n"
                           "queries:\n"
                           "  search:\n"
                           "    arguments: { range: Range!, tags: \"[string!]\" }\n"
                           "    returns: \"[string]!\"\n"
                           "    handler: { function: searchFn }\n");
    ck_assert_str_eq(unit_keys(doc), "version,models,enums,nonModels,queries,inputs");
    json_t *search = json_object_get(json_object_get(doc, "queries"), "search");
    ck_assert_str_eq(unit_compact(search),
                     "{\"name\":\"search\",\"isArray\":true,\"type\":\"String\",\"isRequired\":false,"
                     "\"isArrayNullable\":false,\"arguments\":{"
                     "\"range\":{\"name\":\"range\",\"isArray\":false,\"type\":{\"input\":\"RangeInput\"},"
                     "\"isRequired\":true},"
                     "\"tags\":{\"name\":\"tags\",\"isArray\":true,\"type\":\"String\",\"isRequired\":true,"
                     "\"isArrayNullable\":true}}}");
    ck_assert_str_eq(unit_keys(json_object_get(json_object_get(doc, "inputs"), "RangeInput")), "name,attributes");
    ck_assert_str_eq(unit_keys(json_object_get(doc, "nonModels")), "Range");
    json_decref(doc);
}
END_TEST

int main(void) {
    Suite *suite = suite_create("introspection");
    TCase *tc = tcase_create("introspection");
    tcase_add_test(tc, pluralize_matches_the_javascript_library);
    tcase_add_test(tc, pluralize_rules_only_match_at_the_end);
    tcase_add_test(tc, plural_names_in_the_document);
    tcase_add_test(tc, has_many_names_the_childs_composite_references);
    tcase_add_test(tc, has_one_has_associated_with_and_empty_target_names);
    tcase_add_test(tc, belongs_to_names_its_own_reference_fields);
    tcase_add_test(tc, composite_identifier_is_a_custom_primary_key);
    tcase_add_test(tc, one_way_has_many_gets_an_imputed_key);
    tcase_add_test(tc, document_and_field_keys_in_generator_order);
    tcase_add_test(tc, auth_rules_get_the_generators_defaults_in_its_order);
    tcase_add_test(tc, index_keys_follow_field_order_with_default_names);
    tcase_add_test(tc, declared_timestamp_stays_put_and_is_not_read_only);
    tcase_add_test(tc, enum_values_keyed_by_constant_case);
    tcase_add_test(tc, operations_and_inputs_after_the_types);
    suite_add_tcase(suite, tc);
    return unit_run(suite);
}
