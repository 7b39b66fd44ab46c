/** File sizes as people read them: "12 KB", "1,5 MB" (a decimal comma in Vietnamese). */
export function formatSize(bytes: number, lang: 'vi' | 'en' = 'vi'): string {
	const nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
	if (bytes < 1024) return `${nf.format(bytes)} B`;
	if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} KB`;
	return `${nf.format(bytes / (1024 * 1024))} MB`;
}
