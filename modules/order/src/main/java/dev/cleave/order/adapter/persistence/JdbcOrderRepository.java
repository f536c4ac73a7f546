package dev.cleave.order.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cleave.order.api.CancellationReason;
import dev.cleave.order.api.OrderStatus;
import dev.cleave.order.domain.NewOrder;
import dev.cleave.order.domain.Order;
import dev.cleave.order.domain.OrderLine;
import dev.cleave.order.domain.OrderRepository;
import dev.cleave.platform.api.Slice;
import dev.cleave.platform.persistence.ContextDatabase;

/**
 * Orders in the {@code orders} and {@code order_items} tables. An order and its lines are written in one
 * transaction; a cancellation is one conditional update, so two racing cancellations cannot both succeed. Prices
 * are minor units of the order's currency (the {@code _cents} columns are named from before orders had one).
 */
public final class JdbcOrderRepository implements OrderRepository {
    private static final String COLUMNS =
            "id, user_id, owner, placed_by, total_cents, status, cancellation_reason, created_at, updated_at, "
            + "version, currency";

    private final ContextDatabase database;
    private final Currency unrecordedCurrency;

    /**
     * Creates the repository.
     *
     * @param database           the order context's database
     * @param unrecordedCurrency the currency of orders from before currencies were recorded: the v1 currency,
     *                           the only one there was
     */
    public JdbcOrderRepository(ContextDatabase database, Currency unrecordedCurrency) {
        this.database = database;
        this.unrecordedCurrency = unrecordedCurrency;
    }

    @Override
    public Order insert(NewOrder order, String owner, String placedBy, Instant now) {
        long total = order.total();
        return database.inTransaction(connection -> {
            long id;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO orders (user_id, owner, placed_by, total_cents, currency, status, created_at, "
                    + "updated_at, version) VALUES (?, ?, ?, ?, ?, 'PLACED', ?, ?, 1)", new String[] {"id"})) {
                insert.setLong(1, order.userId());
                insert.setString(2, owner);
                insert.setString(3, placedBy);
                insert.setLong(4, total);
                insert.setString(5, order.currency().getCurrencyCode());
                insert.setObject(6, utc(now));
                insert.setObject(7, utc(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement items = connection.prepareStatement(
                    "INSERT INTO order_items (order_id, position, sku, quantity, unit_price_cents) "
                    + "VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < order.lines().size(); i++) {
                    OrderLine line = order.lines().get(i);
                    items.setLong(1, id);
                    items.setInt(2, i);
                    items.setString(3, line.sku());
                    items.setInt(4, line.quantity());
                    items.setLong(5, line.unitPrice());
                    items.addBatch();
                }
                items.executeBatch();
            }
            return new Order(id, order.userId(), owner, placedBy, order.currency(), order.lines(), total,
                             OrderStatus.PLACED, null, now, now, 1);
        });
    }

    @Override
    public Optional<Order> find(long id) {
        return database.read(connection -> findIn(connection, id));
    }

    @Override
    public Optional<Order> cancel(long id, Long expectedVersion, CancellationReason reason, Instant now) {
        return database.inTransaction(connection -> {
            String sql = "UPDATE orders SET status = 'CANCELLED', cancellation_reason = ?, updated_at = ?, "
                         + "version = version + 1 WHERE id = ? AND status = 'PLACED'"
                         + (expectedVersion == null ? "" : " AND version = ?");
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, reason.name());
                update.setObject(2, utc(now));
                update.setLong(3, id);
                if (expectedVersion != null) {
                    update.setLong(4, expectedVersion);
                }
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return findIn(connection, id);
        });
    }

    @Override
    public boolean isUserDeleted(long userId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM deleted_users WHERE user_id = ?")) {
                select.setLong(1, userId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public void markUserDeleted(long userId, Instant now) {
        database.inTransaction(connection -> {
            // ON CONFLICT rather than a caught unique violation, which on PostgreSQL would abort the transaction.
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO deleted_users (user_id, deleted_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                insert.setLong(1, userId);
                insert.setObject(2, utc(now));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<Long> deletedUsersWithPlacedOrders() {
        return database.read(connection -> {
            List<Long> users = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT o.user_id FROM orders o JOIN deleted_users d ON d.user_id = o.user_id "
                    + "WHERE o.status = 'PLACED' ORDER BY o.user_id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    users.add(rows.getLong(1));
                }
            }
            return users;
        });
    }

    @Override
    public List<Order> cancelPlacedOrdersOf(long userId, CancellationReason reason, Instant now) {
        return database.inTransaction(connection -> {
            // Lock the user's placed orders first, so the orders reported are exactly the ones this update changes.
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM orders WHERE user_id = ? AND status = 'PLACED' ORDER BY id FOR UPDATE")) {
                select.setLong(1, userId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            List<Order> cancelled = new ArrayList<>(ids.size());
            for (long id : ids) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE orders SET status = 'CANCELLED', cancellation_reason = ?, updated_at = ?, "
                        + "version = version + 1 WHERE id = ? AND status = 'PLACED'")) {
                    update.setString(1, reason.name());
                    update.setObject(2, utc(now));
                    update.setLong(3, id);
                    if (update.executeUpdate() == 1) {
                        findIn(connection, id).ifPresent(cancelled::add);
                    }
                }
            }
            return cancelled;
        });
    }

    @Override
    public Slice<Order> list(Long userId, String owner, Currency currency, Long beforeId, int limit) {
        return database.read(connection -> {
            StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM orders WHERE id < ?");
            if (userId != null) {
                sql.append(" AND user_id = ?");
            }
            if (owner != null) {
                sql.append(" AND owner = ?");
            }
            if (currency != null) {
                sql.append(" AND COALESCE(currency, ?) = ?");
            }
            sql.append(" ORDER BY id DESC LIMIT ?");
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int p = 1;
                select.setLong(p++, beforeId == null ? Long.MAX_VALUE : beforeId);
                if (userId != null) {
                    select.setLong(p++, userId);
                }
                if (owner != null) {
                    select.setString(p++, owner);
                }
                if (currency != null) {
                    select.setString(p++, unrecordedCurrency.getCurrencyCode());
                    select.setString(p++, currency.getCurrencyCode());
                }
                select.setInt(p, limit + 1);
                List<Row> rows = new ArrayList<>(limit + 1);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(row(result, unrecordedCurrency));
                    }
                }
                Slice<Row> page = Slice.of(rows, limit);
                Map<Long, List<OrderLine>> lines = linesOf(connection, page.items());
                return new Slice<>(page.items().stream().map(row -> row.with(lines.get(row.id))).toList(),
                                   page.hasMore());
            }
        });
    }

    private Optional<Order> findIn(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM orders WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                Row row = row(result, unrecordedCurrency);
                return Optional.of(row.with(linesOf(connection, List.of(row)).get(id)));
            }
        }
    }

    // The lines of several orders in one query, so a page costs two queries whatever its size.
    private static Map<Long, List<OrderLine>> linesOf(Connection connection, List<Row> orders) throws SQLException {
        if (orders.isEmpty()) {
            return Map.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(orders.size(), "?"));
        Map<Long, List<OrderLine>> lines = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT order_id, sku, quantity, unit_price_cents FROM order_items WHERE order_id IN ("
                + placeholders + ") ORDER BY order_id, position")) {
            for (int i = 0; i < orders.size(); i++) {
                select.setLong(i + 1, orders.get(i).id);
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    lines.computeIfAbsent(result.getLong(1), id -> new ArrayList<>())
                            .add(new OrderLine(result.getString(2), result.getInt(3), result.getLong(4)));
                }
            }
        }
        return lines;
    }

    private static Row row(ResultSet result, Currency unrecordedCurrency) throws SQLException {
        String reason = result.getString(7);
        String currency = result.getString(11);
        return new Row(result.getLong(1),
                       result.getLong(2),
                       result.getString(3),
                       result.getString(4),
                       result.getLong(5),
                       OrderStatus.valueOf(result.getString(6)),
                       reason == null ? null : CancellationReason.valueOf(reason),
                       result.getObject(8, OffsetDateTime.class).toInstant(),
                       result.getObject(9, OffsetDateTime.class).toInstant(),
                       result.getLong(10),
                       currency == null ? unrecordedCurrency : Currency.getInstance(currency));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Row(long id, long userId, String owner, String placedBy, long total, OrderStatus status,
                       CancellationReason reason, Instant createdAt, Instant updatedAt, long version,
                       Currency currency) {
        Order with(List<OrderLine> lines) {
            return new Order(id, userId, owner, placedBy, currency, lines == null ? List.of() : lines, total,
                             status, reason, createdAt, updatedAt, version);
        }
    }
}
