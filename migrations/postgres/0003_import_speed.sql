-- Indexes an import's rows pay for, row by row (BenchmarkImportPostgres1M,
-- PostgreSQL's own CPU a row, README "Speed").
--
-- The trigram GIN index of q cost the most: about 40% of the assets'
-- INSERT. q now reads search_text row by row, as SQLite answers it: a
-- page of 100 at a million assets costs what README "Speed" says, from
-- a few milliseconds (a word most assets have) to a whole table's scan
-- (a word one asset has). A DBA whose users search more than they import
-- may add it back, under this name, and the store's queries use it as
-- they are:
--   CREATE INDEX CONCURRENTLY assets_search ON assets USING gin (search_text gin_trgm_ops);
-- The pg_trgm extension stays for that.
DROP INDEX IF EXISTS assets_search;

-- The tags' GIN index without its pending list: a pending list is merged
-- into the index by whichever insert finds it full, so after an import's
-- rows an officer's single edit could pay for merging thousands of them
-- (hundreds of milliseconds). Inserted directly, an import's rows cost
-- the same.
ALTER INDEX assets_tags SET (fastupdate = off);
