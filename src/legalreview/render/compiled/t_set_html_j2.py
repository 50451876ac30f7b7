from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'set.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_tier_badge = l_0_answer_badge = l_0_figures = missing
    pass
    parent_template = environment.get_template('base.html.j2', 'set.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_macros.html.j2', 'set.html.j2')._get_default_module(context)
    l_0_tier_badge = getattr(included_template, 'tier_badge', missing)
    if l_0_tier_badge is missing:
        l_0_tier_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'set.html.j2') does not export the requested name 'tier_badge'", name='tier_badge')
    l_0_answer_badge = getattr(included_template, 'answer_badge', missing)
    if l_0_answer_badge is missing:
        l_0_answer_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'set.html.j2') does not export the requested name 'answer_badge'", name='answer_badge')
    l_0_figures = getattr(included_template, 'figures', missing)
    if l_0_figures is missing:
        l_0_figures = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'set.html.j2') does not export the requested name 'figures'", name='figures')
    context.vars.update({'tier_badge': l_0_tier_badge, 'answer_badge': l_0_answer_badge, 'figures': l_0_figures})
    context.exported_vars.difference_update(('tier_badge', 'answer_badge', 'figures'))
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_set = resolve('set')
    pass
    yield escape(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'title'))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_set = resolve('set')
    l_0__ = resolve('_')
    l_0_criteria = resolve('criteria')
    l_0_charts = resolve('charts')
    l_0_regions = resolve('regions')
    l_0_tier_options = resolve('tier_options')
    l_0_n_not_assessed = resolve('n_not_assessed')
    l_0_n_assessed = resolve('n_assessed')
    l_0_rows = resolve('rows')
    l_0_figures = resolve('figures')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    pass
    yield '<h1>'
    yield escape(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'title'))
    yield '</h1>\n<p class="lede">'
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Global table: every jurisdiction on the roster against criteria %(first)s–%(last)s.', _block_vars=_block_vars), first=environment.getattr(environment.getitem((undefined(name='criteria') if l_0_criteria is missing else l_0_criteria), 0), 'id'), last=environment.getattr(environment.getitem((undefined(name='criteria') if l_0_criteria is missing else l_0_criteria), -1), 'id')))
    yield '\n'
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(assessed)s of %(countries)s assessed.', _block_vars=_block_vars), assessed=environment.getattr(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'coverage'), 'assessed'), countries=environment.getattr(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'coverage'), 'countries')))
    yield ' <a href="#tiers">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries by tier', _block_vars=_block_vars))
    yield '</a>'
    if (undefined(name='charts') if l_0_charts is missing else l_0_charts):
        pass
        yield ' · <a href="#charts">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Charts', _block_vars=_block_vars))
        yield '</a>'
    yield ' · <a href="../methodology.html#'
    yield escape(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'id'))
    yield '">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'How the criteria and tiers are defined', _block_vars=_block_vars))
    yield '</a>.</p>\n\n<form class="filters" id="filters" hidden aria-controls="global-table">\n  <label for="f-text">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Search', _block_vars=_block_vars))
    yield ' <input type="search" id="f-text" placeholder="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Country, code or other name', _block_vars=_block_vars))
    yield '" autocomplete="off"></label>\n  <label for="f-region">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Region', _block_vars=_block_vars))
    yield ' <select id="f-region" autocomplete="off"><option value="">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'All regions', _block_vars=_block_vars))
    yield '</option>'
    for l_1_r in (undefined(name='regions') if l_0_regions is missing else l_0_regions):
        _loop_vars = {}
        pass
        yield '<option value="'
        yield escape(l_1_r)
        yield '">'
        yield escape(l_1_r)
        yield '</option>'
    l_1_r = missing
    yield '</select></label>\n  <label for="f-tier">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier', _block_vars=_block_vars))
    yield ' <select id="f-tier" autocomplete="off"><option value="">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'All tiers', _block_vars=_block_vars))
    yield '</option>'
    for l_1_t in (undefined(name='tier_options') if l_0_tier_options is missing else l_0_tier_options):
        _loop_vars = {}
        pass
        yield '<option value="'
        yield escape(environment.getattr(l_1_t, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_t, 'label'))
        yield '</option>'
    l_1_t = missing
    yield '</select></label>\n'
    if (undefined(name='n_not_assessed') if l_0_n_not_assessed is missing else l_0_n_not_assessed):
        pass
        yield '<label class="check" for="f-all"><input type="checkbox" id="f-all" autocomplete="off"> '
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Show the %(n)s countries not yet assessed', _block_vars=_block_vars), n=(undefined(name='n_not_assessed') if l_0_n_not_assessed is missing else l_0_n_not_assessed)))
        yield '</label>'
    yield '  <output id="f-count" aria-live="polite"></output>\n</form>\n<p class="empty" id="f-empty" hidden>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'No country matches these filters.', _block_vars=_block_vars))
    yield ' <button type="button" id="f-reset">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Clear the filters', _block_vars=_block_vars))
    yield '</button></p>\n\n<div class="table-scroll tall" role="region" tabindex="0" aria-label="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Global table', _block_vars=_block_vars))
    yield ': '
    yield escape(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'title'))
    yield '">\n<table class="data global sortable" id="global-table">\n  <caption>'
    yield escape(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'title'))
    yield ': '
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), "answers and tier per country (each country's latest assessment, by the edition of the criteria it was coded against; %(n)s assessed countries first).", _block_vars=_block_vars), n=(undefined(name='n_assessed') if l_0_n_assessed is missing else l_0_n_assessed)))
    yield ' <a href="'
    yield escape(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'csv'))
    yield '">CSV</a> · <a href="'
    yield escape(environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'json'))
    yield '">JSON</a></caption>\n  <thead>\n    <tr>\n      <th scope="col" data-type="text" data-key="country">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Country', _block_vars=_block_vars))
    yield '</th>\n      <th scope="col" data-type="text" data-key="region">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Region', _block_vars=_block_vars))
    yield '</th>\n'
    for l_1_c in (undefined(name='criteria') if l_0_criteria is missing else l_0_criteria):
        _loop_vars = {}
        pass
        yield '<th scope="col" data-type="num" data-key="'
        yield escape(environment.getattr(l_1_c, 'id'))
        yield '" class="crit"><a href="'
        yield escape(environment.getattr(l_1_c, 'href'))
        yield '">'
        yield escape(environment.getattr(l_1_c, 'id'))
        yield '</a> <span class="short">'
        yield escape(environment.getattr(l_1_c, 'short'))
        yield '</span></th>'
    l_1_c = missing
    yield '      <th scope="col" data-type="num" data-key="met" class="num">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Met', _block_vars=_block_vars))
    yield '</th>\n      <th scope="col" data-type="num" data-key="tier">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier', _block_vars=_block_vars))
    yield '</th>\n      <th scope="col" data-type="text" data-key="edition">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria edition', _block_vars=_block_vars))
    yield '</th>\n    </tr>\n  </thead>\n  <tbody>\n'
    for l_1_r in (undefined(name='rows') if l_0_rows is missing else l_0_rows):
        _loop_vars = {}
        pass
        yield escape(environment.getattr(l_1_r, 'html'))
    l_1_r = missing
    yield '  </tbody>\n</table>\n</div>\n\n<h2 id="tiers">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries by tier', _block_vars=_block_vars))
    yield '</h2>\n<div class="table-scroll" role="region" tabindex="0" aria-label="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries by tier', _block_vars=_block_vars))
    yield '"><table class="data counts">\n  <caption>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries by tier', _block_vars=_block_vars))
    yield '</caption>\n  <thead><tr><th scope="col">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier', _block_vars=_block_vars))
    yield '</th><th scope="col">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Rule', _block_vars=_block_vars))
    yield '</th><th scope="col" class="num">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries', _block_vars=_block_vars))
    yield '</th></tr></thead>\n  <tbody>\n'
    for l_1_t in environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'tiers'):
        l_1_tier_badge = resolve('tier_badge')
        _loop_vars = {}
        pass
        yield '    <tr><th scope="row">'
        yield escape(environment.call(context, (undefined(name='tier_badge') if l_1_tier_badge is missing else l_1_tier_badge), l_1_t, _loop_vars=_loop_vars))
        yield '</th><td>'
        yield escape(environment.getattr(l_1_t, 'rule'))
        yield '</td><td class="num">'
        yield escape(environment.getattr(l_1_t, 'count'))
        yield '</td></tr>\n'
    l_1_t = l_1_tier_badge = missing
    yield '  </tbody>\n</table></div>\n'
    if environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'at_least'):
        pass
        yield '<ul class="at-least">'
        for l_1_line in environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'at_least'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.getattr(l_1_line, 'text'))
            yield '</li>'
        l_1_line = missing
        yield '</ul>'
    if (undefined(name='charts') if l_0_charts is missing else l_0_charts):
        pass
        yield '<h2 id="charts">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Charts', _block_vars=_block_vars))
        yield '</h2>\n'
        yield escape(environment.call(context, (undefined(name='figures') if l_0_figures is missing else l_0_figures), (undefined(name='charts') if l_0_charts is missing else l_0_charts), _block_vars=_block_vars))
        yield '\n'
    yield '\n<h2>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria', _block_vars=_block_vars))
    yield '</h2>\n<dl class="criteria">\n'
    for l_1_c in environment.getattr((undefined(name='set') if l_0_set is missing else l_0_set), 'criteria'):
        _loop_vars = {}
        pass
        yield '  <dt><a href="'
        yield escape(environment.getattr(l_1_c, 'href'))
        yield '">'
        yield escape(environment.getattr(l_1_c, 'id'))
        yield ' '
        yield escape(environment.getattr(l_1_c, 'short'))
        yield '</a></dt><dd>'
        yield escape(environment.getattr(l_1_c, 'question'))
        yield ' <span class="of">'
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Met by %(met)s of %(of)s assessed.', _loop_vars=_loop_vars), met=environment.getattr(l_1_c, 'met'), of=environment.getattr(l_1_c, 'of')))
        yield '</span></dd>\n'
    l_1_c = missing
    yield '</dl>\n'

def block_scripts(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield '<script src="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
    yield 'static/site.js" defer></script>'

blocks = {'title': block_title, 'main': block_main, 'scripts': block_scripts}
debug_info = '1=13&2=16&3=30&4=41&5=66&6=68&7=70&10=84&11=88&12=102&13=116&16=122&18=126&20=130&23=138&24=140&25=142&26=156&27=158&28=160&32=162&37=168&38=170&39=172&40=174&42=180&43=185&47=193&48=204&49=207&50=209&53=212&55=214&56=218&60=231'

# Generated by `python3 -m legalreview.render.precompile` from templates/set.html.j2: do not edit.
