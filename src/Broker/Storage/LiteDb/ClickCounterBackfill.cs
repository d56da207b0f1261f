using LiteDB;

namespace Broker.Storage.LiteDb;

/// <summary>
/// Builds the click counters (<see cref="ClickCounters"/>) of clicks and rolled-up days written before counters existed:
/// first every day document, then every batch not marked <c>Counted</c> (batches written since are counted as they are
/// written), a step of about 5,000 clicks per write and transaction, the progress in a marker document of the same
/// transaction (a crash loses no step and repeats none). Counting is additive, so new batches may be written meanwhile;
/// a roll-up, which takes counts away, first finishes the build. Until it is built, readers count the old way.
/// </summary>
internal static class ClickCounterBackfill
{
    private const int ClicksPerStep = 5_000;
    private const int BatchesPerStep = 200;
    private const string State = "state";

    /// <summary>Whether every click and day is counted.</summary>
    public static bool IsBuilt(BrokerDatabase database) =>
        database.Collection<BsonDocument>("clickcountersbuilt").FindById(State) is { } state && state["Done"].AsBoolean;

    /// <summary>
    /// Records a database with no clicks and no days yet as built, before any click is written: every click it will hold
    /// is counted as it is written, and no start ever walks its batches to find that out.
    /// </summary>
    public static void BeginIfEmpty(BrokerDatabase database) => database.Write(() =>
    {
        if (database.Collection<BsonDocument>("clickcountersbuilt").FindById(State) is null)
        {
            Begin(database);
        }
    });

    /// <summary>Runs steps until every click and day is counted.</summary>
    public static void Finish(BrokerDatabase database, CancellationToken cancellationToken)
    {
        while (!Step(database))
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Counts the next step's days or batches; true once everything is counted.</summary>
    public static bool Step(BrokerDatabase database) => database.Write(() =>
    {
        var marker = database.Collection<BsonDocument>("clickcountersbuilt");
        var state = marker.FindById(State) ?? Begin(database);
        if (state["Done"].AsBoolean)
        {
            return true;
        }

        database.Database.BeginTrans();
        try
        {
            var counters = new ClickCounters(database);
            if (state["Phase"].AsString == "days")
            {
                CountDays(database, counters, state);
            }
            else
            {
                CountBatches(database, counters, state);
            }

            marker.Upsert(state);
            database.Database.Commit();
            return state["Done"].AsBoolean;
        }
        catch
        {
            database.Database.Rollback();
            throw;
        }
    });

    /// <summary>The first state: nothing to count in a database with no clicks (batched or still per click) and no days.</summary>
    private static BsonDocument Begin(BrokerDatabase database)
    {
        var empty = database.Collection<BsonDocument>("clickbatches").Count() == 0 && database.Collection<BsonDocument>("clickdays").Count() == 0
            && !database.Database.CollectionExists("clicks");
        var state = new BsonDocument { ["_id"] = State, ["Phase"] = "days", ["Last"] = BsonValue.Null, ["Done"] = empty };
        database.Collection<BsonDocument>("clickcountersbuilt").Insert(state);
        return state;
    }

    private static void CountDays(BrokerDatabase database, ClickCounters counters, BsonDocument state)
    {
        var days = database.Collection<BsonDocument>("clickdays");
        var chunk = days.Find(LiteDbFilter.Of("$._id > {0}", After(state)).ToExpression(), 0, ClicksPerStep).ToList();
        foreach (var day in chunk)
        {
            counters.AddDay(day["Code"].AsString, day["Clicks"].AsInt32, day["Visitors"].AsInt32);
        }

        (state["Phase"], state["Last"]) = chunk.Count == 0 ? ("batches", BsonValue.Null) : ("days", chunk[^1]["_id"]);
    }

    private static void CountBatches(BrokerDatabase database, ClickCounters counters, BsonDocument state)
    {
        var batches = database.Collection<BsonDocument>("clickbatches");
        var (last, counted, read) = (After(state), 0, 0);

        // A step ends after so many clicks counted, or so many batches read (most of a newer database's are counted
        // already, and the writer is held for the whole step).
        while (counted < ClicksPerStep && read++ < BatchesPerStep)
        {
            if (batches.Find(LiteDbFilter.Of("$._id > {0}", last).ToExpression(), 0, 1).FirstOrDefault() is not { } batch)
            {
                state["Done"] = true;
                break;
            }

            if (!IsCounted(batch))
            {
                var rows = ClickRows.RowsOf(batch);
                counters.Add(rows);
                counted += ClickRows.CountOf(rows);
            }

            last = batch["_id"];
        }

        state["Last"] = last.IsMinValue ? BsonValue.Null : last;
    }

    /// <summary>Whether the batch was counted as it was written.</summary>
    public static bool IsCounted(BsonDocument batch) => batch.TryGetValue("Counted", out var counted) && counted.IsBoolean && counted.AsBoolean;

    private static BsonValue After(BsonDocument state) => state["Last"].IsNull ? BsonValue.MinValue : state["Last"];
}
