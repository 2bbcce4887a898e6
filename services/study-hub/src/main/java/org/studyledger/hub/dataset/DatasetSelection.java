package org.studyledger.hub.dataset;

import java.util.ArrayList;
import java.util.List;
import org.studyledger.hub.api.Tables;

/**
 * Which rows of a dataset a request asks for (all when every filter is null), as SQL in the dataset's
 * fixed row order.
 *
 * @param dataset the dataset
 * @param siteid  only this center's rows, or null
 * @param usubjid only this subject's rows, or null
 * @param paramcd ADQS only: only this parameter's rows, or null
 * @param avisit  ADQS only: only this analysis visit's rows, or null
 */
public record DatasetSelection(Datasets dataset, String siteid, String usubjid, String paramcd, String avisit) {

    /** Without an analysis-visit filter. */
    public DatasetSelection(Datasets dataset, String siteid, String usubjid, String paramcd) {
        this(dataset, siteid, usubjid, paramcd, null);
    }

    /** A query and its arguments. */
    public record Query(String sql, Object[] args) {
    }

    /** Every variable, in output order, of the selected rows, in row order. */
    public Query rows() {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + Tables.sqlColumns(dataset.variables()) + " FROM " + dataset.table() + where(args)
                + " ORDER BY " + dataset.orderBy();
        return new Query(sql, args.toArray());
    }

    /** The number of selected rows. */
    public Query count() {
        List<Object> args = new ArrayList<>();
        return new Query("SELECT count(*) FROM " + dataset.table() + where(args), args.toArray());
    }

    private String where(List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE true");
        if (siteid != null) {
            sql.append(" AND siteid = ?");
            args.add(siteid);
        }
        if (usubjid != null) {
            sql.append(" AND usubjid = ?");
            args.add(usubjid);
        }
        if (paramcd != null) {
            sql.append(" AND paramcd = ?");
            args.add(paramcd);
        }
        if (avisit != null) {
            sql.append(" AND avisit = ?");
            args.add(avisit);
        }
        return sql.toString();
    }
}
