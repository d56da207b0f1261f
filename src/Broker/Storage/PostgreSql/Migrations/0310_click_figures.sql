-- Issue 20: the amplification report's daily figures (Storage/IClickFigureStore.cs). Per local day, at three levels (an
-- ASN within an OPD; an OPD, nip ''; the whole day, opd and nip ''): the clicks, the visitors distinct within the day at
-- that level, and the share links made that day. A day is computed once, after it ended, and stored in one transaction
-- with its row in click_figure_days: the insert into that table decides which node stores it.
CREATE TABLE click_figures (
    day       date NOT NULL,
    opd       text COLLATE "C" NOT NULL,
    nip       text COLLATE "C" NOT NULL,
    clicks    integer NOT NULL,
    visitors  integer NOT NULL,
    links     integer NOT NULL,
    PRIMARY KEY (day, opd, nip)
);

CREATE TABLE click_figure_days (day date PRIMARY KEY);
