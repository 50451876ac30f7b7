from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_tier_badge = l_0_figures = missing
    pass
    parent_template = environment.get_template('base.html.j2', 'index.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_macros.html.j2', 'index.html.j2')._get_default_module(context)
    l_0_tier_badge = getattr(included_template, 'tier_badge', missing)
    if l_0_tier_badge is missing:
        l_0_tier_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'index.html.j2') does not export the requested name 'tier_badge'", name='tier_badge')
    l_0_figures = getattr(included_template, 'figures', missing)
    if l_0_figures is missing:
        l_0_figures = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'index.html.j2') does not export the requested name 'figures'", name='figures')
    context.vars.update({'tier_badge': l_0_tier_badge, 'figures': l_0_figures})
    context.exported_vars.difference_update(('tier_badge', 'figures'))
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    pass
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Overview', _block_vars=_block_vars))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0__ = resolve('_')
    l_0_assessed = resolve('assessed')
    l_0_countries = resolve('countries')
    l_0_sets = resolve('sets')
    l_0_regions = resolve('regions')
    l_0_cite = resolve('cite')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    pass
    yield '<h1>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</h1>\n<p class="lede">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publisher'))
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition'):
        pass
        yield ' · '
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(edition)s review', _block_vars=_block_vars), edition=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition')))
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'):
        pass
        yield ' · <time datetime="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'))
        yield '">'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date_text'))
        yield '</time>'
    yield '.\n'
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(assessed)s of %(countries)s jurisdictions assessed against at least one criteria set.', _block_vars=_block_vars), assessed=(undefined(name='assessed') if l_0_assessed is missing else l_0_assessed), countries=(undefined(name='countries') if l_0_countries is missing else l_0_countries)))
    yield '</p>\n<nav class="jump" aria-label="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Global tables', _block_vars=_block_vars))
    yield '"><p><span class="label">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Global tables:', _block_vars=_block_vars))
    yield '</span> '
    l_1_loop = missing
    for l_1_s, l_1_loop in LoopContext((undefined(name='sets') if l_0_sets is missing else l_0_sets), undefined):
        _loop_vars = {}
        pass
        yield '<a href="'
        yield escape(environment.getattr(l_1_s, 'href'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</a>'
        if (not environment.getattr(l_1_loop, 'last')):
            pass
            yield ' · '
    l_1_loop = l_1_s = missing
    yield '</p></nav>\n\n'
    for l_1_s in (undefined(name='sets') if l_0_sets is missing else l_0_sets):
        l_1_figures = resolve('figures')
        _loop_vars = {}
        pass
        yield '<section class="set-summary" aria-labelledby="set-'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">\n  <h2 id="set-'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '"><a href="'
        yield escape(environment.getattr(l_1_s, 'href'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</a></h2>\n  <p class="meta">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Modelled on', _loop_vars=_loop_vars))
        yield ' '
        yield escape(environment.getattr(environment.getattr(l_1_s, 'source'), 'publisher'))
        yield ', <cite>'
        yield escape(environment.getattr(environment.getattr(l_1_s, 'source'), 'title'))
        yield '</cite>'
        if environment.getattr(environment.getattr(l_1_s, 'source'), 'edition'):
            pass
            yield ', '
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(edition)s edition', _loop_vars=_loop_vars), edition=environment.getattr(environment.getattr(l_1_s, 'source'), 'edition')))
        if environment.getattr(environment.getattr(l_1_s, 'source'), 'year'):
            pass
            yield ' ('
            yield escape(environment.getattr(environment.getattr(l_1_s, 'source'), 'year'))
            yield ')'
        yield '.\n  '
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Coverage: %(assessed)s of %(countries)s assessed, %(not_yet)s not yet assessed', _loop_vars=_loop_vars), assessed=environment.getattr(environment.getattr(l_1_s, 'coverage'), 'assessed'), countries=environment.getattr(environment.getattr(l_1_s, 'coverage'), 'countries'), not_yet=environment.getattr(environment.getattr(l_1_s, 'coverage'), 'not_yet_assessed')))
        if environment.getattr(environment.getattr(l_1_s, 'coverage'), 'unknown_answers'):
            pass
            yield ', '
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(n)s answers not known', _loop_vars=_loop_vars), n=environment.getattr(environment.getattr(l_1_s, 'coverage'), 'unknown_answers')))
        yield '.</p>\n'
        if environment.getattr(l_1_s, 'at_least'):
            pass
            yield '<ul class="at-least">'
            for l_2_line in environment.getattr(l_1_s, 'at_least'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(environment.getattr(l_2_line, 'text'))
                yield '</li>'
            l_2_line = missing
            yield '</ul>'
        yield '  <div class="cols">\n    <div class="table-scroll" role="region" tabindex="0" aria-label="'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries by tier', _loop_vars=_loop_vars))
        yield '"><table class="data counts">\n      <caption>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries by tier', _loop_vars=_loop_vars))
        yield '</caption>\n      <thead><tr><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier', _loop_vars=_loop_vars))
        yield '</th><th scope="col" class="num">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries', _loop_vars=_loop_vars))
        yield '</th><th scope="col" class="num">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Share', _loop_vars=_loop_vars))
        yield '</th></tr></thead>\n      <tbody>\n'
        for l_2_t in environment.getattr(l_1_s, 'tiers'):
            l_2_tier_badge = resolve('tier_badge')
            _loop_vars = {}
            pass
            yield '        <tr><th scope="row">'
            yield escape(environment.call(context, (undefined(name='tier_badge') if l_2_tier_badge is missing else l_2_tier_badge), l_2_t, _loop_vars=_loop_vars))
            yield '</th><td class="num">'
            yield escape(environment.getattr(l_2_t, 'count'))
            yield '</td><td class="num">'
            yield escape(environment.getattr(l_2_t, 'percent'))
            yield '</td></tr>\n'
        l_2_t = l_2_tier_badge = missing
        yield '      </tbody>\n    </table></div>\n    <div class="table-scroll" role="region" tabindex="0" aria-label="'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries meeting each criterion', _loop_vars=_loop_vars))
        yield '"><table class="data counts">\n      <caption>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries meeting each criterion', _loop_vars=_loop_vars))
        yield '</caption>\n      <thead><tr><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criterion', _loop_vars=_loop_vars))
        yield '</th><th scope="col" class="num">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Met', _loop_vars=_loop_vars))
        yield '</th></tr></thead>\n      <tbody>\n'
        for l_2_c in environment.getattr(l_1_s, 'criteria'):
            _loop_vars = {}
            pass
            yield '        <tr><th scope="row"><a href="'
            yield escape(environment.getattr(l_2_c, 'href'))
            yield '">'
            yield escape(environment.getattr(l_2_c, 'id'))
            yield '</a> '
            yield escape(environment.getattr(l_2_c, 'short'))
            yield '</th><td class="num">'
            yield escape(environment.getattr(l_2_c, 'met'))
            yield ' <span class="of">'
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'of %(n)s', _loop_vars=_loop_vars), n=environment.getattr(l_2_c, 'of')))
            yield '</span></td></tr>\n'
        l_2_c = missing
        yield '      </tbody>\n    </table></div>\n  </div>\n  '
        yield escape(environment.call(context, (undefined(name='figures') if l_1_figures is missing else l_1_figures), environment.getattr(l_1_s, 'charts'), markup_join((environment.getattr(l_1_s, 'id'), '-', )), _loop_vars=_loop_vars))
        yield '\n'
        for l_2_g in environment.getattr(l_1_s, 'change_groups'):
            _loop_vars = {}
            pass
            yield '  <div class="table-scroll" role="region" tabindex="0" aria-label="Latest changes: '
            yield escape(environment.getitem(environment.getattr(l_1_s, 'change_editions'), 0))
            yield ' → '
            yield escape(environment.getitem(environment.getattr(l_1_s, 'change_editions'), 1))
            yield ': '
            yield escape(environment.getattr(l_2_g, 'label'))
            yield '"><table class="data changes changes-'
            yield escape(environment.getattr(l_2_g, 'kind'))
            yield '">\n    <caption>Latest changes: '
            yield escape(environment.getitem(environment.getattr(l_1_s, 'change_editions'), 0))
            yield ' → '
            yield escape(environment.getitem(environment.getattr(l_1_s, 'change_editions'), 1))
            yield ': '
            yield escape(environment.getattr(l_2_g, 'label'))
            yield '</caption>\n    <thead><tr><th scope="col">Country</th><th scope="col">Tier before</th><th scope="col">Tier now</th><th scope="col">What changed</th></tr></thead>\n    <tbody>\n'
            for l_3_ch in environment.getattr(l_2_g, 'rows'):
                _loop_vars = {}
                pass
                yield escape(environment.getattr(l_3_ch, 'html'))
            l_3_ch = missing
            yield '    </tbody>\n  </table></div>\n'
        l_2_g = missing
        yield '  <p class="onward"><a href="'
        yield escape(environment.getattr(l_1_s, 'href'))
        yield '">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Global table', _loop_vars=_loop_vars))
        yield ' →</a> · <a href="methodology.html#'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria and tiers', _loop_vars=_loop_vars))
        yield '</a> · <a href="'
        yield escape(environment.getattr(l_1_s, 'csv'))
        yield '">CSV</a> · <a href="'
        yield escape(environment.getattr(l_1_s, 'json'))
        yield '">JSON</a></p>\n</section>\n'
    l_1_s = l_1_figures = missing
    yield '\n<section aria-labelledby="by-region">\n  <h2 id="by-region">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'By region', _block_vars=_block_vars))
    yield '</h2>\n  <ul class="inline">\n'
    for l_1_r in (undefined(name='regions') if l_0_regions is missing else l_0_regions):
        _loop_vars = {}
        pass
        yield '<li><a href="'
        yield escape(environment.getattr(l_1_r, 'href'))
        yield '">'
        yield escape(environment.getattr(l_1_r, 'name'))
        yield '</a></li>'
    l_1_r = missing
    yield '  </ul>\n  <p><a href="countries.html">'
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'All %(n)s country profiles', _block_vars=_block_vars), n=(undefined(name='countries') if l_0_countries is missing else l_0_countries)))
    yield ' →</a></p>\n</section>\n\n<section class="cite" aria-labelledby="cite">\n<h2 id="cite">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Cite this review', _block_vars=_block_vars))
    yield '</h2>\n<p class="citation">'
    yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'publisher'))
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'date'):
        pass
        yield ' ('
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'date')[:4])
        yield ')'
    yield '. <cite>'
    yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'title'))
    yield '</cite>'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'edition'):
        pass
        yield ', '
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'edition'))
        yield ' edition'
    yield '.'
    if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url'):
        pass
        yield ' <a href="'
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url'))
        yield '">'
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'url'))
        yield '</a>'
        if environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'accessed'):
            pass
            yield ' (accessed <time datetime="'
            yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'accessed'))
            yield '">'
            yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'accessed'))
            yield '</time>)'
    else:
        pass
        yield ' '
        yield escape(environment.getattr((undefined(name='cite') if l_0_cite is missing else l_0_cite), 'local'))
    yield '</p>\n'
    template = environment.get_template('_cite_formats.html.j2', 'index.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<p>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Citation metadata:', _block_vars=_block_vars))
    yield ' <a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
    yield 'CITATION.cff">CITATION.cff</a>. '
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'The data files are described in', _block_vars=_block_vars))
    yield ' <a href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'assets'))
    yield 'data/datapackage.json">data/datapackage.json</a>.</p>\n</section>\n'

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=13&2=16&3=27&4=38&5=60&6=62&7=75&8=77&10=95&11=100&12=102&13=108&14=124&15=130&17=142&18=144&19=146&21=152&22=157&26=165&27=167&28=169&30=173&31=177&36=189&37=191&38=195&39=203&42=209&46=217&51=231&53=233&55=243&59=245&60=247&61=281&62=288'

# Generated by `python3 -m legalreview.render.precompile` from templates/index.html.j2: do not edit.
