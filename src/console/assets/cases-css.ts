/** The case lists' and customer page's stylesheet (/console/assets/cases.css): two panes on a wide screen. */
export const casesCss = `
.tabs { display: flex; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
.tabs a[aria-current="page"] { font-weight: 700; text-decoration: none; border-bottom: 3px solid var(--accent); }
.cases-layout, .customer-layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 1fr); gap: 1.5rem; }
@media (max-width: 900px) { .cases-layout, .customer-layout { grid-template-columns: minmax(0, 1fr); } }
.cases-layout > div, .customer-layout > div { overflow-x: auto; }
table caption { text-align: left; font-weight: 600; padding: .3rem 0; }
form.filters input, form.filters select { width: 100%; }
ul.saved-views { list-style: none; padding: 0; }
ul.saved-views li { display: flex; gap: .5rem; align-items: center; margin-bottom: .3rem; }
.muted { color: var(--muted); }
`;
