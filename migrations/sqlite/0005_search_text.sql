-- The free-text filter q compares one column, search_text, holding the
-- fields it looks in (name, street, town, postcode, use, asset code)
-- in Unicode NFC and case-folded, so q finds "Église" typed "église" or
-- with a combining accent (issue 13, item 10): SQLite's LIKE folds ASCII
-- letters only and compares bytes, not characters. The store writes it on
-- every insert and update (assetRow, estate.Asset.SearchText); this fills
-- it for the rows already stored, with the same Go function.

ALTER TABLE assets ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

UPDATE assets SET search_text = pt_search_text(name, street_name, town, postcode, use, asset_code);
