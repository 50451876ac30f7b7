from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_print_css = resolve('print_css')
    l_0_illustrative = resolve('illustrative')
    l_0__ = resolve('_')
    l_0_roster_size = resolve('roster_size')
    l_0_assessed_count = resolve('assessed_count')
    l_0_globals = resolve('globals')
    l_0_profiles = resolve('profiles')
    l_0_empty_sets = resolve('empty_sets')
    l_0_sets = resolve('sets')
    l_0_tier_badge = l_0_answer_badge = l_0_card = missing
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    included_template = environment.get_template('_macros.html.j2', 'report.html.j2')._get_default_module(context)
    l_0_tier_badge = getattr(included_template, 'tier_badge', missing)
    if l_0_tier_badge is missing:
        l_0_tier_badge = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'report.html.j2') does not export the requested name 'tier_badge'", name='tier_badge')
    l_0_answer_badge = getattr(included_template, 'answer_badge', missing)
    if l_0_answer_badge is missing:
        l_0_answer_badge = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'report.html.j2') does not export the requested name 'answer_badge'", name='answer_badge')
    context.vars.update({'tier_badge': l_0_tier_badge, 'answer_badge': l_0_answer_badge})
    context.exported_vars.difference_update(('tier_badge', 'answer_badge'))
    included_template = environment.get_template('_scorecard.html.j2', 'report.html.j2')._get_default_module(context)
    l_0_card = getattr(included_template, 'card', missing)
    if l_0_card is missing:
        l_0_card = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'report.html.j2') does not export the requested name 'card'", name='card')
    context.vars['card'] = l_0_card
    context.exported_vars.discard('card')
    yield '<!doctype html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'language'))
    yield '">\n<head>\n<meta charset="utf-8">\n<title>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</title>\n<meta name="author" content="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publisher'))
    yield '">\n<meta name="generator" content="legalreview">\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'):
        pass
        yield '<meta name="dcterms.created" content="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'))
        yield '"><meta name="dcterms.modified" content="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'))
        yield '">'
    yield '<style>'
    yield escape((undefined(name='print_css') if l_0_print_css is missing else l_0_print_css))
    yield '</style>\n</head>\n<body>\n<section class="cover">\n  <p class="doc-title">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</p>\n  <p class="kicker">'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publisher'))
    yield '</p>\n  <h1>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</h1>\n'
    if (undefined(name='illustrative') if l_0_illustrative is missing else l_0_illustrative):
        pass
        yield '<div class="banner" role="note">⚠ '
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'banner'))
        yield '</div>'
    yield '  <div class="facts">\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition'):
        pass
        yield '<p>'
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(edition)s review'), edition=environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'edition')))
        if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'):
            pass
            yield ', '
            yield escape((environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date_text') or environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date')))
        yield '</p>'
    elif environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date'):
        pass
        yield '<p>'
        yield escape((environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date_text') or environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'date')))
        yield '</p>'
    yield '    <p>'
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(roster)s jurisdictions on the roster; %(assessed)s assessed against at least one criteria set.'), roster=(undefined(name='roster_size') if l_0_roster_size is missing else l_0_roster_size), assessed=(undefined(name='assessed_count') if l_0_assessed_count is missing else l_0_assessed_count)))
    yield '</p>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'url'):
        pass
        yield '<p>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Online:'))
        yield ' <a href="'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'url'))
        yield '">'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'url'))
        yield '</a></p>'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'license'):
        pass
        yield '<p>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Licence:'))
        yield ' '
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'license'))
        yield '</p>'
    yield '  </div>\n  <nav class="toc" aria-label="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Contents'))
    yield '"><h2>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Contents'))
    yield '</h2><ol>\n    <li><a href="#summary">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Executive summary'))
    yield '</a></li>\n    <li><a href="#methodology">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Methodology'))
    yield '</a></li>\n'
    for l_1_g in (undefined(name='globals') if l_0_globals is missing else l_0_globals):
        _loop_vars = {}
        pass
        yield '<li><a href="#'
        yield escape(environment.getattr(l_1_g, 'anchor'))
        yield '">'
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Global table: %(title)s', _loop_vars=_loop_vars), title=environment.getattr(environment.getattr(l_1_g, 'set'), 'title')))
        yield '</a></li>'
    l_1_g = missing
    yield '    <li><a href="#profiles">'
    yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Country profiles (%(n)s)'), n=t_3((undefined(name='profiles') if l_0_profiles is missing else l_0_profiles))))
    yield '</a></li>\n  </ol></nav>\n</section>\n\n<section class="chapter" id="summary">\n<h1>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Executive summary'))
    yield '</h1>\n'
    for l_1_g in (undefined(name='globals') if l_0_globals is missing else l_0_globals):
        _loop_vars = {}
        pass
        yield '<h2>'
        yield escape(environment.getattr(environment.getattr(l_1_g, 'set'), 'title'))
        yield '</h2>\n<ul class="findings">'
        for l_2_line in environment.getattr(l_1_g, 'findings'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_2_line)
            yield '</li>'
        l_2_line = missing
        yield '</ul>\n'
    l_1_g = missing
    if (undefined(name='empty_sets') if l_0_empty_sets is missing else l_0_empty_sets):
        pass
        yield '<h2>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Not yet assessed'))
        yield '</h2>\n<ul class="findings">'
        for l_1_g in (undefined(name='empty_sets') if l_0_empty_sets is missing else l_0_empty_sets):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.getattr(environment.getattr(l_1_g, 'set'), 'title'))
            yield ': '
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'no country has been assessed yet (%(n)s on the roster); it has no global table in this report.', _loop_vars=_loop_vars), n=environment.getattr(environment.getattr(environment.getattr(l_1_g, 'set'), 'coverage'), 'countries')))
            yield '</li>'
        l_1_g = missing
        yield '</ul>\n'
    yield '</section>\n\n<section class="chapter" id="methodology">\n<h1>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Methodology'))
    yield '</h1>\n<p>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Every country\'s statutes are recorded once and scored against each criteria set below. An answer of "yes" or "partially" must cite at least one provision of the country\'s law. A country\'s tier is the first tier whose rule it meets, in the order listed.'))
    yield '</p>\n'
    for l_1_s in (undefined(name='sets') if l_0_sets is missing else l_0_sets):
        _loop_vars = {}
        pass
        yield '<h2>'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</h2>\n'
        if environment.getattr(l_1_s, 'description'):
            pass
            yield '<p>'
            yield escape(environment.getattr(l_1_s, 'description'))
            yield '</p>'
        yield '<p class="meta">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Source:', _loop_vars=_loop_vars))
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
        yield '. '
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria set version %(version)s.', _loop_vars=_loop_vars), version=environment.getattr(l_1_s, 'version')))
        yield '</p>\n<h3>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria', _loop_vars=_loop_vars))
        yield '</h3>\n'
        for l_2_c in environment.getattr(l_1_s, 'criteria_text'):
            _loop_vars = {}
            pass
            yield '<div class="criterion-text"><strong>'
            yield escape(environment.getattr(l_2_c, 'id'))
            yield ' '
            yield escape(environment.getattr(l_2_c, 'short'))
            yield '.</strong> '
            yield escape(environment.getattr(l_2_c, 'question'))
            yield '</div>\n'
        l_2_c = missing
        yield '<h3>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Answers', _loop_vars=_loop_vars))
        yield '</h3>\n<dl class="scale">\n'
        for l_2_a in environment.getattr(l_1_s, 'scale'):
            _loop_vars = {}
            pass
            yield '<dt>'
            yield escape(environment.call(context, (undefined(name='answer_badge') if l_0_answer_badge is missing else l_0_answer_badge), l_2_a, _loop_vars=_loop_vars))
            yield '</dt><dd>'
            yield escape(t_1((environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(n)s point', _loop_vars=_loop_vars) if (environment.getattr(l_2_a, 'points') == '1') else environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(n)s points', _loop_vars=_loop_vars)), n=environment.getattr(l_2_a, 'points')))
            if environment.getattr(l_2_a, 'description'):
                pass
                yield '. '
                yield escape(environment.getattr(l_2_a, 'description'))
            yield '</dd>'
        l_2_a = missing
        yield '</dl>\n<h3>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tiers', _loop_vars=_loop_vars))
        yield '</h3>\n<table class="data">\n  <thead><tr><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier', _loop_vars=_loop_vars))
        yield '</th><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Rule', _loop_vars=_loop_vars))
        yield '</th></tr></thead>\n  <tbody>'
        def t_4(fiter):
            for l_2_t in fiter:
                if environment.getattr(l_2_t, 'rule'):
                    yield l_2_t
        for l_2_t in t_4(environment.getattr(l_1_s, 'tiers')):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), l_2_t, _loop_vars=_loop_vars))
            yield '</td><td>'
            yield escape(environment.getattr(l_2_t, 'rule'))
            if environment.getattr(l_2_t, 'description'):
                pass
                yield '. '
                yield escape(environment.getattr(l_2_t, 'description'))
            yield '</td></tr>'
        l_2_t = missing
        yield '</tbody>\n</table>\n'
    l_1_s = missing
    yield '</section>\n\n'
    for l_1_g in (undefined(name='globals') if l_0_globals is missing else l_0_globals):
        _loop_vars = {}
        pass
        yield '<section class="chapter" id="'
        yield escape(environment.getattr(l_1_g, 'anchor'))
        yield '">\n<h1>'
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Global table: %(title)s', _loop_vars=_loop_vars), title=environment.getattr(environment.getattr(l_1_g, 'set'), 'title')))
        yield '</h1>\n<table class="data">\n  <caption>'
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries per tier (%(assessed)s of %(n)s assessed)', _loop_vars=_loop_vars), assessed=environment.getattr(environment.getattr(environment.getattr(l_1_g, 'set'), 'coverage'), 'assessed'), n=environment.getattr(environment.getattr(environment.getattr(l_1_g, 'set'), 'coverage'), 'countries')))
        yield '</caption>\n  <thead><tr><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier', _loop_vars=_loop_vars))
        yield '</th><th scope="col" class="num">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Countries', _loop_vars=_loop_vars))
        yield '</th><th scope="col" class="num">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Share of roster', _loop_vars=_loop_vars))
        yield '</th></tr></thead>\n  <tbody>'
        for l_2_t in environment.getattr(environment.getattr(l_1_g, 'set'), 'tiers'):
            _loop_vars = {}
            pass
            yield '<tr><td>'
            yield escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), l_2_t, _loop_vars=_loop_vars))
            yield '</td><td class="num">'
            yield escape(environment.getattr(l_2_t, 'count'))
            yield '</td><td class="num">'
            yield escape(environment.getattr(l_2_t, 'percent'))
            yield '</td></tr>'
        l_2_t = missing
        yield '</tbody>\n</table>\n'
        for l_2_chart in environment.getattr(l_1_g, 'charts'):
            _loop_vars = {}
            pass
            yield '<figure class="'
            yield escape(environment.getattr(l_2_chart, 'id'))
            yield '">\n  <figcaption>'
            yield escape(environment.getattr(l_2_chart, 'title'))
            yield '</figcaption>\n  '
            yield escape(environment.getattr(l_2_chart, 'svg'))
            yield '\n  <p class="alt">'
            yield escape(environment.getattr(l_2_chart, 'alt'))
            yield '</p>\n</figure>\n'
        l_2_chart = missing
        if environment.getattr(l_1_g, 'rows'):
            pass
            yield '<table class="data global">\n  <caption>'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Assessed countries', _loop_vars=_loop_vars))
            yield '</caption>\n  <thead><tr><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Country', _loop_vars=_loop_vars))
            yield '</th><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier', _loop_vars=_loop_vars))
            yield '</th>'
            for l_2_c in environment.getattr(l_1_g, 'criteria'):
                _loop_vars = {}
                pass
                yield '<th scope="col" title="'
                yield escape(environment.getattr(l_2_c, 'short'))
                yield '">'
                yield escape(environment.getattr(l_2_c, 'id'))
                yield '</th>'
            l_2_c = missing
            yield '<th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Edition', _loop_vars=_loop_vars))
            yield '</th></tr></thead>\n  <tbody>\n'
            for l_2_r in environment.getattr(l_1_g, 'rows'):
                _loop_vars = {}
                pass
                yield '    <tr><th scope="row">'
                yield escape(environment.getattr(l_2_r, 'country'))
                yield '</th><td>'
                yield escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), environment.getattr(l_2_r, 'tier'), _loop_vars=_loop_vars))
                yield '</td>'
                for l_3_cell in environment.getattr(l_2_r, 'cells'):
                    _loop_vars = {}
                    pass
                    yield '<td class="cell"><span class="ans ans-'
                    yield escape(environment.getattr(l_3_cell, 'cls'))
                    yield '" title="'
                    yield escape(environment.getattr(l_3_cell, 'label'))
                    yield '">'
                    yield escape(environment.getattr(l_3_cell, 'icon'))
                    yield '</span></td>'
                l_3_cell = missing
                yield '<td>'
                yield escape(environment.getattr(l_2_r, 'edition'))
                yield '</td></tr>\n'
            l_2_r = missing
            yield '  </tbody>\n</table>\n<p class="meta">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Key:', _loop_vars=_loop_vars))
            yield ' '
            for l_2_a in environment.getattr(l_1_g, 'key'):
                _loop_vars = {}
                pass
                yield escape(environment.call(context, (undefined(name='answer_badge') if l_0_answer_badge is missing else l_0_answer_badge), l_2_a, _loop_vars=_loop_vars))
                yield ' '
            l_2_a = missing
            yield '</p>\n'
        if environment.getattr(l_1_g, 'waiting'):
            pass
            yield '<h3>'
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Not yet assessed (%(n)s)', _loop_vars=_loop_vars), n=t_3(environment.getattr(l_1_g, 'waiting'))))
            yield '</h3>\n<div class="names">'
            yield escape(t_2(context.eval_ctx, environment.getattr(l_1_g, 'waiting'), ' · '))
            yield '</div>\n'
        yield '</section>\n'
    l_1_g = missing
    yield '\n<section class="chapter" id="profiles">\n<h1>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Country profiles'))
    yield '</h1>\n'
    if (undefined(name='profiles') if l_0_profiles is missing else l_0_profiles):
        pass
        yield '<p>'
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'The scorecards of the %(n)s countries assessed against at least one criteria set follow, one per page.'), n=t_3((undefined(name='profiles') if l_0_profiles is missing else l_0_profiles))))
        yield '</p>\n'
    else:
        pass
        yield '<p class="not-assessed">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'No country has been assessed yet.'))
        yield '</p>\n'
    yield '</section>\n'
    for l_1_p in (undefined(name='profiles') if l_0_profiles is missing else l_0_profiles):
        _loop_vars = {}
        pass
        yield '<section class="profile">\n'
        yield escape(environment.call(context, (undefined(name='card') if l_0_card is missing else l_0_card), l_1_p, (undefined(name='site') if l_0_site is missing else l_0_site), in_report=True, _loop_vars=_loop_vars))
        yield '\n</section>\n'
    l_1_p = missing
    yield '</body>\n</html>\n'

blocks = {}
debug_info = '3=40&4=49&6=56&9=58&10=60&12=62&13=70&17=72&18=74&19=76&20=78&22=84&23=99&24=101&25=110&27=118&28=122&29=124&30=126&31=136&36=138&37=140&38=144&39=146&41=155&42=158&43=160&48=171&49=173&50=175&51=179&52=181&53=187&54=205&55=207&56=211&58=219&60=221&62=235&64=237&65=241&70=261&71=265&72=267&74=269&75=271&76=277&78=289&79=293&80=295&81=297&82=299&85=302&87=305&88=307&90=323&91=327&95=347&97=356&98=359&99=361&105=366&106=368&107=371&109=376&112=379&114=383'

# Generated by `python3 -m legalreview.render.precompile` from templates/report.html.j2: do not edit.
