package dev.pinstripe.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC on a JDBI handle's connection (same transaction), for the few statements on the hot
 * path of every write, where JDBI's per-bind argument resolution costs more than the statement.
 * Values are bound by position with their SQL types; statements are cached by PgJDBC per connection.
 */
public final class Sql {
    private Sql() {}

    /** Executes an INSERT/UPDATE/DELETE with positional {@code ?} parameters; returns the row count. */
    public static int update(Handle h, String sql, Object... values) {
        Connection c = h.getConnection();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, values);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    /** Reads the single row of a query with positional parameters. */
    public static <T> T one(Handle h, String sql, RowReader<T> reader, Object... values) {
        Connection c = h.getConnection();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, values);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("query returned no row: " + sql);
                }
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Binds {@code values} to positions 1..n by their Java types (a null binds as text; see {@link TypedNull}). */
    public static void bind(PreparedStatement st, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int position = i + 1;
            switch (v) {
                case null -> st.setNull(position, Types.VARCHAR);
                case String s -> st.setString(position, s);
                case Long l -> st.setLong(position, l);
                case Integer n -> st.setInt(position, n);
                case Boolean b -> st.setBoolean(position, b);
                case byte[] bytes -> st.setBytes(position, bytes);
                case TypedNull t -> st.setNull(position, t.sqlType());
                default -> throw new IllegalArgumentException("unsupported SQL value type " + v.getClass());
            }
        }
    }

    /** A null of a given SQL type, where the untyped null of {@link #update} would not do. */
    public record TypedNull(int sqlType) {
        public static final TypedNull BIGINT = new TypedNull(Types.BIGINT);
        public static final TypedNull INTEGER = new TypedNull(Types.INTEGER);
        public static final TypedNull BOOLEAN = new TypedNull(Types.BOOLEAN);
    }

    /** A failed statement; its SQLState tells constraint violations apart. */
    public static final class SqlFailure extends RuntimeException {
        private final String sqlState;

        public SqlFailure(String sql, SQLException cause) {
            super("SQL failed: " + sql.strip().lines().findFirst().orElse(sql), cause);
            this.sqlState = cause.getSQLState();
        }

        public String sqlState() {
            return sqlState;
        }
    }
}
