using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using MLNetNorm.Sweeping.Space;
using MLNetNorm.Sweeping.Trials;

namespace MLNetNorm.Sweeping.Storage;

/// <summary>
/// Study storage in one SQLite file, shared safely by several worker processes on one machine: WAL journal, a busy
/// timeout, and every claim inside <c>BEGIN IMMEDIATE</c> (the write lock is taken before reading), so two workers
/// never claim the same trial. Each call commits before it returns, so a killed worker loses no finished trial.
/// </summary>
/// <remarks>Do not put the file on a network share: SQLite's locking is only reliable on local disks.</remarks>
public sealed class SqliteStudyStorage : IStudyStorage
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(60);

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    /// <summary>Opens (creating if needed) the study file at <paramref name="path"/>.</summary>
    /// <param name="path">The SQLite file.</param>
    /// <exception cref="InvalidOperationException">The file is not a SQLite database or cannot be opened; the message names it.</exception>
    public SqliteStudyStorage(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = (int)BusyTimeout.TotalSeconds };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            _connection.Open();
            Execute(null, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
            Execute(null, "PRAGMA journal_mode = WAL;");
            using var transaction = _connection.BeginTransaction(deferred: false);
            Execute(transaction, """
                CREATE TABLE IF NOT EXISTS studies (name TEXT PRIMARY KEY, search_space TEXT NOT NULL, metric TEXT NOT NULL, direction TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS trials (
                    study TEXT NOT NULL, number INTEGER NOT NULL, state TEXT NOT NULL, parameters TEXT NOT NULL,
                    worker_host TEXT, worker_pid INTEGER, worker_start INTEGER, worker_name TEXT, heartbeat TEXT,
                    started_at TEXT, finished_at TEXT, wall_seconds REAL, attempts INTEGER NOT NULL DEFAULT 0,
                    metrics TEXT, training TEXT, latency_seconds REAL, model_path TEXT, error TEXT,
                    PRIMARY KEY (study, number));
                CREATE TABLE IF NOT EXISTS intermediate_values (study TEXT NOT NULL, number INTEGER NOT NULL, step INTEGER NOT NULL, value REAL, PRIMARY KEY (study, number, step));
                CREATE TABLE IF NOT EXISTS rung_values (study TEXT NOT NULL, number INTEGER NOT NULL, rung INTEGER NOT NULL, value REAL, PRIMARY KEY (study, number, rung));
                """);
            transaction.Commit();
        }
        catch (SqliteException exception)
        {
            _connection.Dispose();
            throw new InvalidOperationException($"Cannot open the study storage '{Path}': {exception.Message}", exception);
        }
    }

    /// <summary>Gets the full path of the SQLite file.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public int OpenStudy(StudyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return InTransaction(transaction =>
        {
            Execute(transaction, "INSERT OR IGNORE INTO studies VALUES ($name, $space, $metric, $direction, $now);",
                ("$name", definition.Name), ("$space", definition.SearchSpace), ("$metric", definition.Metric), ("$direction", definition.Direction.ToString()), ("$now", Now()));
            using var command = Command(transaction, "SELECT search_space, metric, direction FROM studies WHERE name = $name;", ("$name", definition.Name));
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                var (space, metric, direction) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                if (space != definition.SearchSpace || metric != definition.Metric || direction != definition.Direction.ToString())
                {
                    throw new InvalidOperationException(
                        $"Study '{definition.Name}' in '{Path}' was created with a different definition (metric {metric}, {direction}, search space:\n{space}\n); " +
                        $"this sweep has metric {definition.Metric}, {definition.Direction}, search space:\n{definition.SearchSpace}\nUse another study name or storage file.");
                }
            }

            return Convert.ToInt32(Scalar(transaction, "SELECT COUNT(*) FROM trials WHERE study = $study;", ("$study", definition.Name)), CultureInfo.InvariantCulture);
        });
    }

    /// <inheritdoc/>
    public TrialRecord? ClaimNext(string study, WorkerIdentity worker, Func<TrialRecord, bool> isAbandoned, Func<IReadOnlyList<TrialRecord>, ParameterSet?> propose, int? maxTrials)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(isAbandoned);
        ArgumentNullException.ThrowIfNull(propose);
        return InTransaction(transaction =>
        {
            var trials = ReadTrials(transaction, study);
            foreach (var abandoned in trials.Where(t => t.State == TrialState.Running && isAbandoned(t)))
            {
                RequeueCore(transaction, study, abandoned.Number);
            }

            var next = Scalar(transaction, "SELECT MIN(number) FROM trials WHERE study = $study AND state = 'Queued';", ("$study", study));
            int number;
            if (next is long queued)
            {
                number = (int)queued;
            }
            else
            {
                if (trials.Count >= maxTrials)
                {
                    return null;
                }

                var parameters = propose(ReadTrials(transaction, study));
                if (parameters is null)
                {
                    return null;
                }

                number = trials.Count == 0 ? 1 : trials.Max(t => t.Number) + 1;
                Execute(transaction, "INSERT INTO trials (study, number, state, parameters) VALUES ($study, $number, 'Queued', $parameters);",
                    ("$study", study), ("$number", number), ("$parameters", parameters.ToJson()));
            }

            Execute(transaction, """
                UPDATE trials SET state = 'Running', worker_host = $host, worker_pid = $pid, worker_start = $start, worker_name = $name,
                    heartbeat = $now, started_at = $now, attempts = attempts + 1
                WHERE study = $study AND number = $number;
                """,
                ("$host", worker.Host), ("$pid", worker.ProcessId), ("$start", worker.ProcessStart), ("$name", worker.Name), ("$now", Now()), ("$study", study), ("$number", number));
            return ReadTrials(transaction, study, number).Single();
        });
    }

    /// <inheritdoc/>
    public void Heartbeat(string study, int number, WorkerIdentity worker) => InTransaction(transaction =>
        Execute(transaction, $"UPDATE trials SET heartbeat = $now WHERE {OwnedBy}", Owner(study, number, worker, ("$now", Now()))));

    /// <inheritdoc/>
    public void AddIntermediateValue(string study, int number, long step, double value) => InTransaction(transaction =>
        Execute(transaction, "INSERT OR REPLACE INTO intermediate_values VALUES ($study, $number, $step, $value);",
            ("$study", study), ("$number", number), ("$step", step), ("$value", Real(value))));

    /// <inheritdoc/>
    public IReadOnlyList<double> RecordRungValue(string study, int number, int rung, double value) => InTransaction(transaction =>
    {
        Execute(transaction, "INSERT OR REPLACE INTO rung_values VALUES ($study, $number, $rung, $value);",
            ("$study", study), ("$number", number), ("$rung", rung), ("$value", Real(value)));
        using var command = Command(transaction, "SELECT value FROM rung_values WHERE study = $study AND rung = $rung;", ("$study", study), ("$rung", rung));
        using var reader = command.ExecuteReader();
        var values = new List<double>();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? double.NaN : reader.GetDouble(0));
        }

        return (IReadOnlyList<double>)values;
    });

    /// <inheritdoc/>
    public bool Finish(string study, int number, WorkerIdentity worker, TrialState state, TrialResult? result, TimeSpan wallTime, string? error) => InTransaction(transaction =>
        Execute(transaction, $"""
            UPDATE trials SET state = $state, finished_at = $now, wall_seconds = $wall, metrics = $metrics, training = $training,
                latency_seconds = $latency, model_path = $model, error = $error
            WHERE {OwnedBy}
            """,
            Owner(study, number, worker,
                ("$state", state.ToString()), ("$now", Now()), ("$wall", wallTime.TotalSeconds),
                ("$metrics", result is null ? null : JsonSerializer.Serialize(result.Metrics, Json)),
                ("$training", result?.Training is null ? null : JsonSerializer.Serialize(result.Training, Json)),
                ("$latency", result?.InferenceLatency?.TotalSeconds), ("$model", result?.ModelPath), ("$error", error))) == 1);

    /// <inheritdoc/>
    public void Requeue(string study, int number, WorkerIdentity worker) => InTransaction(transaction =>
    {
        if (Convert.ToInt64(Scalar(transaction, $"SELECT COUNT(*) FROM trials WHERE {OwnedBy}", Owner(study, number, worker)), CultureInfo.InvariantCulture) == 1)
        {
            RequeueCore(transaction, study, number);
        }

        return 0;
    });

    /// <inheritdoc/>
    public IReadOnlyList<TrialRecord> GetTrials(string study) => InTransaction(transaction => ReadTrials(transaction, study));

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    /// <summary>Running, and claimed by this very worker (a re-queued and re-claimed trial belongs to its new worker).</summary>
    private const string OwnedBy = "study = $study AND number = $number AND state = 'Running' AND worker_host = $host AND worker_pid = $pid AND worker_start = $start AND worker_name = $name;";

    private static (string, object?)[] Owner(string study, int number, WorkerIdentity worker, params (string, object?)[] more) =>
        [("$study", study), ("$number", number), ("$host", worker.Host), ("$pid", worker.ProcessId), ("$start", worker.ProcessStart), ("$name", worker.Name), .. more];

    private void RequeueCore(SqliteTransaction transaction, string study, int number)
    {
        Execute(transaction, "UPDATE trials SET state = 'Queued', worker_host = NULL, worker_pid = NULL, worker_start = NULL, worker_name = NULL, heartbeat = NULL WHERE study = $study AND number = $number;",
            ("$study", study), ("$number", number));
        Execute(transaction, "DELETE FROM intermediate_values WHERE study = $study AND number = $number;", ("$study", study), ("$number", number));
        Execute(transaction, "DELETE FROM rung_values WHERE study = $study AND number = $number;", ("$study", study), ("$number", number));
    }

    private List<TrialRecord> ReadTrials(SqliteTransaction transaction, string study, int? only = null)
    {
        var curves = new Dictionary<int, List<IntermediateValue>>();
        using (var command = Command(transaction, "SELECT number, step, value FROM intermediate_values WHERE study = $study ORDER BY number, step;", ("$study", study)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var number = reader.GetInt32(0);
                (curves.TryGetValue(number, out var curve) ? curve : curves[number] = []).Add(new IntermediateValue(reader.GetInt64(1), reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2)));
            }
        }

        var trials = new List<TrialRecord>();
        using (var command = Command(transaction, """
            SELECT number, state, parameters, worker_host, worker_pid, worker_start, worker_name, heartbeat, started_at, finished_at,
                   wall_seconds, attempts, metrics, training, latency_seconds, model_path, error
            FROM trials WHERE study = $study AND ($only IS NULL OR number = $only) ORDER BY number;
            """, ("$study", study), ("$only", only)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var number = reader.GetInt32(0);
                trials.Add(new TrialRecord
                {
                    Number = number,
                    State = Enum.Parse<TrialState>(reader.GetString(1)),
                    Parameters = ParameterSet.FromJson(reader.GetString(2)),
                    Worker = reader.IsDBNull(3) ? null : new WorkerIdentity(reader.GetString(3), reader.GetInt32(4), reader.GetInt64(5), reader.GetString(6)),
                    Heartbeat = Time(reader, 7),
                    StartedAt = Time(reader, 8),
                    FinishedAt = Time(reader, 9),
                    WallTime = reader.IsDBNull(10) ? null : TimeSpan.FromSeconds(reader.GetDouble(10)),
                    Attempts = reader.GetInt32(11),
                    Metrics = reader.IsDBNull(12) ? new Dictionary<string, double>() : JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(12), Json)!,
                    Training = reader.IsDBNull(13) ? null : JsonSerializer.Deserialize<TrainingSummary>(reader.GetString(13), Json),
                    InferenceLatency = reader.IsDBNull(14) ? null : TimeSpan.FromSeconds(reader.GetDouble(14)),
                    ModelPath = reader.IsDBNull(15) ? null : reader.GetString(15),
                    Error = reader.IsDBNull(16) ? null : reader.GetString(16),
                    IntermediateValues = curves.TryGetValue(number, out var curve) ? curve : [],
                });
            }
        }

        return trials;
    }

    /// <summary>Runs <paramref name="work"/> in one <c>BEGIN IMMEDIATE</c> transaction (the write lock first, so read-then-write cannot race).</summary>
    private T InTransaction<T>(Func<SqliteTransaction, T> work)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
    }

    private int Execute(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(transaction, sql, parameters);
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>SQLite stores NaN as NULL; the readers turn NULL back into NaN.</summary>
    private static object? Real(double value) => double.IsNaN(value) ? null : value;

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
