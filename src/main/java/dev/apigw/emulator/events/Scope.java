package dev.apigw.emulator.events;

/** One {@code scope} entry of a search: a keyword (regular expression) or a range on one attribute. */
sealed interface Scope permits Scope.Match, Scope.Range {

    boolean test(EventView event);

    /** {@code {"attributeName": field, "keyword": regex}} */
    record Match(Keyword keyword) implements Scope {
        @Override
        public boolean test(EventView event) {
            return event.keyword(keyword);
        }
    }

    /** {@code {"attributeName": field, "range": {from, to | since}}}, bounds inclusive; dates in epoch ms. */
    record Range(String field, double from, double to) implements Scope {
        @Override
        public boolean test(EventView event) {
            double v = field.equals(Fields.CREATION_DATE) ? event.creationDate() : event.number(field);
            return v >= from && v <= to; // NaN (absent) is in no range
        }

        boolean onDate() {
            return field.equals(Fields.CREATION_DATE);
        }
    }
}
