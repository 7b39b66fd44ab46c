/** Reports and indicators over HTTP: the query of report.docx and the body of PUT /api/indicators/:id. */
import * as v from 'valibot';

/** `?period=half-year|year`; absent: the period the board's date falls in. */
export const ReportQuery = v.object({
	period: v.optional(v.picklist(['half-year', 'year'], 'bad_period'))
});

/** The value an agency reported for an indicator, or null to clear it. */
export const IndicatorBody = v.object({
	reportedValue: v.nullable(v.pipe(v.number('bad_value'), v.finite('bad_value')))
});
